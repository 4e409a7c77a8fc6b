/**
 * zod parses without compiling code: by default it probes `new Function('')` to see whether it may JIT its parsers,
 * and the site's Content-Security-Policy refuses eval (a refused probe is still reported as a violation). Imported
 * first by each entry point, the page's and the worker's.
 */
import { z } from 'zod';

z.config({ jitless: true });
