/**
 * The Python that loads the person's own image folder in the PyTorch export: torchvision's ImageFolder with the
 * page's classes, size, colour mode and scaling, and the page's own seeded split, transcribed so that the same seed
 * holds out the same images (exportPytorchImages.oracle.test.ts runs it against src/data/splitDataset.ts).
 */
import type { DatasetInfo, ImageFolderSplit } from '../datasets.ts';
import { formatPythonFloat } from '../pythonLiterals.ts';

/** mulberry32 as src/data/batching.ts createRandom draws it: JavaScript's 32-bit arithmetic, masked. */
export const PAGE_RANDOM = `def page_random(seed):
    """The playground's seeded random numbers in [0, 1) (mulberry32), so that the split below is the page's."""
    state = seed & 0xFFFFFFFF

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((state ^ (state >> 15)) * (state | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        return (t ^ (t >> 14)) / 4294967296

    return draw`;

/** src/data/splitDataset.ts splitByClass, line for line. */
export const SPLIT_BY_CLASS = `def split_by_class(labels, class_count, test_fraction, seed):
    """The playground's train/test split: per class a seeded shuffle, the first share of it held out for testing, at
    least one image on each side for a class of two or more. A mask, True for a test image."""
    draw = page_random(seed)
    test = torch.zeros(len(labels), dtype=torch.bool)
    for label in range(class_count):
        members = [i for i, value in enumerate(labels) if value == label]
        for i in range(len(members) - 1, 0, -1):
            j = math.floor(draw() * (i + 1))
            members[i], members[j] = members[j], members[i]
        wanted = math.floor(len(members) * test_fraction + 0.5)  # JavaScript's Math.round
        held = 0 if len(members) < 2 else min(len(members) - 1, max(1 if test_fraction > 0 else 0, wanted))
        test[members[:held]] = True
    return test`;

/** The files the page reads as images, and what it skips as hidden (README.txt, .DS_Store, __MACOSX/). */
const IS_PLAYGROUND_IMAGE = `def is_playground_image(relative_path):
    """An image the playground reads: PNG, JPEG, WebP or GIF, not hidden (.DS_Store, __MACOSX/, names starting with a
    dot). ImageFolder alone would skip GIF and read hidden files."""
    parts = relative_path.replace(os.sep, '/').split('/')
    hidden = any(part.startswith('.') or part in ('__MACOSX', 'Thumbs.db', 'desktop.ini') for part in parts)
    return not hidden and relative_path.lower().endswith(('.png', '.jpg', '.jpeg', '.webp', '.gif'))`;

const CLASS_FOLDER = `class PlaygroundImageFolder(datasets.ImageFolder):
    """ImageFolder numbering the classes as the playground did (CLASS_NAMES, in order), not from what is on disk."""

    def find_classes(self, directory):
        return list(CLASS_NAMES), {name: i for i, name in enumerate(CLASS_NAMES)}`;

/** The constants and definitions the folder's load_data() uses. */
export function imageFolderDefinitions(dataset: DatasetInfo): string[] {
  const [height, width, channels] = dataset.inputShape;
  const colour = channels === 1 ? 'greyscale' : 'colour (RGB)';
  const transforms = [`transforms.Resize((${height}, ${width}))`, ...(channels === 1 ? ['transforms.Grayscale()'] : []), 'transforms.ToTensor()'];
  const greyNote = channels === 1 ? ['    Grey levels may differ by one too: PIL weighs red, green and blue 0.299, 0.587, 0.114, the page 0.2989, 0.587, 0.114.'] : [];
  const loader = [
    'def load_image_folder(root):',
    `    """Every image under root/<class>/ as the page read it, channels first: images (N, ${channels}, ${height}, ${width}) and labels 0-${dataset.classNames.length - 1}.`,
    `    Each image stretched to ${height}×${width} (no crop), ${colour}, scaled to [0, 1]; class by class, each class's files in name`,
    "    order as ImageFolder lists them. PIL's resampling may differ from the browser's by a level or so.",
    ...greyNote,
    '    """',
    `    transform = transforms.Compose([${transforms.join(', ')}])`,
    '    folder = PlaygroundImageFolder(root, transform=transform, is_valid_file=lambda path: is_playground_image(os.path.relpath(path, root)))',
    '    images = torch.stack([image for image, _ in folder])',
    '    return images.to(DEVICE), torch.tensor(folder.targets).to(DEVICE)',
  ];
  const classNames = `CLASS_NAMES = [${dataset.classNames.map((name) => JSON.stringify(name)).join(', ')}]`;
  return [`# The classes in the page's order: label i is CLASS_NAMES[i].\n${classNames}`, IS_PLAYGROUND_IMAGE, CLASS_FOLDER, loader.join('\n'), PAGE_RANDOM, SPLIT_BY_CLASS];
}

/** load_data()'s first lines for a folder: read it, then hold out the page's test images. */
export function imageFolderLoad(split: ImageFolderSplit): string[] {
  return [
    "    images, labels = load_image_folder('images')",
    "    # The page's split: the page takes each class's files in ImageFolder's order (folder by folder, names sorted)",
    "    # whatever order the ZIP listed them in, so the same seed and shuffle hold out the same images.",
    `    test = split_by_class(labels.tolist(), len(CLASS_NAMES), test_fraction=${formatPythonFloat(split.testFraction)}, seed=${split.seed}).to(DEVICE)`,
    '    train_images, train_labels = images[~test], labels[~test]',
    '    test_images, test_labels = images[test], labels[test]',
  ];
}
