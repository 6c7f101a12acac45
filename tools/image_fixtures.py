"""Writes the image-decoding fixtures of ImageFileTest: the first Fashion-MNIST test image (an
ankle boot) in every PNG and JPEG colour model and bit depth gmloss reads, each with what
Pillow's convert("L") and convert("RGB") make of it, and two truncated files.

    python tools/image_fixtures.py [--out src/test/resources/gmloss/data/images]

16-bit grey is the exception: Pillow's convert("L") clips it at 255, so its expected grey is the
high byte of each sample, as Pillow treats 16-bit RGB.
"""

import argparse
import gzip
import os

import numpy as np
from PIL import Image

FASHION = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def boot():
    with gzip.open(FASHION) as f:
        data = np.frombuffer(f.read(), np.uint8, offset=16)
    return data[:784].reshape(28, 28)


def save_expected(out, name, image):
    np.save(os.path.join(out, name + ".L.npy"), np.array(image.convert("L")))
    np.save(os.path.join(out, name + ".RGB.npy"), np.array(image.convert("RGB")))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "src",
                                                      "test", "resources", "gmloss", "data",
                                                      "images"))
    out = parser.parse_args(argv).out
    os.makedirs(out, exist_ok=True)
    grey = boot()
    tint = np.stack([grey, (grey * 0.8).astype(np.uint8), (grey * 0.5).astype(np.uint8)], -1)
    alpha = np.full((28, 28), 200, np.uint8)
    alpha[:, :7] = 0
    images = {
        "grey8.png": Image.fromarray(grey, "L"),
        "grey-alpha.png": Image.fromarray(np.stack([grey, alpha], -1), "LA"),
        "palette.png": Image.fromarray(tint, "RGB").convert("P", palette=Image.ADAPTIVE,
                                                            colors=64),
        "rgb.png": Image.fromarray(tint, "RGB"),
        "rgba.png": Image.fromarray(np.concatenate([tint, alpha[..., None]], -1), "RGBA"),
        "bilevel.png": Image.fromarray(grey, "L").convert("1"),
        "grey.jpg": Image.fromarray(grey, "L"),
        "rgb.jpg": Image.fromarray(tint, "RGB"),
    }
    for name, image in images.items():
        path = os.path.join(out, name)
        image.save(path, quality=90) if name.endswith(".jpg") else image.save(path)
        save_expected(out, name, Image.open(path))
    # 16-bit grey: every 8-bit value v as v * 257.
    sixteen = Image.fromarray(grey.astype(np.uint16) * 257)
    sixteen.save(os.path.join(out, "grey16.png"))
    np.save(os.path.join(out, "grey16.png.L.npy"),
            (np.array(Image.open(os.path.join(out, "grey16.png"))) >> 8).astype(np.uint8))
    for name in ["rgb.jpg", "rgb.png"]:
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        with open(os.path.join(out, "truncated-" + name.replace(".", "-") + "." +
                               name.split(".")[1]), "wb") as f:
            f.write(data[:len(data) * 6 // 10])


if __name__ == "__main__":
    main()
