"""Measures the exported PyTorch scripts' image-folder loading for exportPytorchImages.oracle.test.ts, with the real
torchvision and PIL (Debian's python3-torchvision).

argv[1] names a JSON file: {"root": folder to write, "files": [{"path", "width", "height", "colour": [r, g, b],
"format"} or {"path", "text"}], "scripts": [{"path", "runMain"}], "seed": n}. Writes the files under root, then for
each script, with root as the working directory: what load_data() gives (labels, which images are test images, the
sets' sizes, the images' shape and each image's mean per channel), the script's first draws of page_random(seed), and,
where asked, what main() prints. Prints the facts as JSON; the test judges.
"""
import contextlib
import importlib.util
import io
import json
import os
import sys
import traceback

import torch
from PIL import Image


def write_files(root, files):
    for file in files:
        path = os.path.join(root, file['path'])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if 'text' in file:
            with open(path, 'w') as out:
                out.write(file['text'])
        else:
            Image.new('RGB', (file['width'], file['height']), tuple(file['colour'])).save(path, format=file['format'])


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(index, case, seed):
    script = load(case['path'], f'exported_{index}')
    fit_set, validation_set, test_set = script.load_data()
    images, labels = script.load_image_folder('images')
    test = script.split_by_class(labels.tolist(), len(script.CLASS_NAMES), 0.25, seed)
    draw = script.page_random(seed)
    fact = {
        'classNames': list(script.CLASS_NAMES),
        'labels': labels.tolist(),
        'testMask': [int(bit) for bit in test.tolist()],
        'imageShape': list(images.shape),
        'means': images.mean(dim=(2, 3)).tolist(),
        'range': [images.min().item(), images.max().item()],
        'sizes': [len(fit_set[0]), 0 if validation_set is None else len(validation_set[0]), len(test_set[0])],
        'draws': [draw() for _ in range(5)],
    }
    if case['runMain']:
        printout = io.StringIO()
        with contextlib.redirect_stdout(printout):
            script.main()
        fact['mainPrintout'] = printout.getvalue()
    return fact


def main():
    torch.manual_seed(0)
    with open(sys.argv[1]) as manifest_file:
        manifest = json.load(manifest_file)
    write_files(manifest['root'], manifest['files'])
    os.chdir(manifest['root'])
    facts = []
    for index, case in enumerate(manifest['scripts']):
        try:
            facts.append(measure(index, case, manifest['seed']))
        except Exception:
            facts.append({'error': traceback.format_exc()})
    json.dump(facts, sys.stdout)


if __name__ == '__main__':
    main()
