"""idx_to_jpeg writes IDX images as JPEG files in the folder layout, ranked within each class."""

import gzip
import os
import struct

import numpy as np
import pytest
from PIL import Image

import idx_to_jpeg


def write_idx(path, array):
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim,
                                                                   *array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


@pytest.fixture
def idx_dir(tmp_path):
    """Smooth 8x6 images 20 grey levels apart (JPEG keeps them close), labelled 1, 0, 1 and 0, 1."""
    directory = tmp_path / "idx"
    directory.mkdir()
    for prefix, labels in (("train", [1, 0, 1]), ("t10k", [0, 1])):
        ramp = np.linspace(40, 200, 6)[None, :] + np.linspace(0, 30, 8)[:, None]
        images = np.stack([ramp + 20 * k for k in range(len(labels))])
        write_idx(directory / f"{prefix}-images-idx3-ubyte.gz", images)
        write_idx(directory / f"{prefix}-labels-idx1-ubyte.gz", np.array(labels))
    return directory


def test_images_land_in_their_class_folder_ranked_and_close_to_the_original(idx_dir, tmp_path):
    out = tmp_path / "jpeg"
    assert idx_to_jpeg.main(["--idx-dir", str(idx_dir), "--out", str(out)]) == 0
    assert sorted(os.listdir(out / "train" / "1")) == ["0000.jpg", "0001.jpg"]
    assert sorted(os.listdir(out / "train" / "0")) == ["0000.jpg"]
    assert sorted(os.listdir(out / "test" / "1")) == ["0000.jpg"]
    pixels, _ = idx_to_jpeg.read_idx(str(idx_dir / "train-images-idx3-ubyte.gz"))
    third = np.frombuffer(pixels, np.uint8).reshape(3, 8, 6)[2]
    decoded = Image.open(out / "train" / "1" / "0001.jpg")
    assert decoded.mode == "L" and decoded.size == (6, 8)
    difference = np.abs(np.asarray(decoded, np.int16) - third)
    assert difference.mean() < 10, "the third image, not one of its neighbours (20 apart)"


def test_counts_that_differ_are_an_error_that_leaves_nothing_behind(idx_dir, tmp_path, capsys):
    write_idx(idx_dir / "t10k-labels-idx1-ubyte.gz", np.array([0]))
    assert idx_to_jpeg.main(["--idx-dir", str(idx_dir), "--out", str(tmp_path / "j")]) == 1
    assert "2 test images but 1 labels" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["idx"], "the train split written first is removed"


def test_an_existing_output_directory_is_refused(idx_dir, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        idx_to_jpeg.main(["--idx-dir", str(idx_dir), "--out", str(tmp_path)])
    assert exit_info.value.code == 2
