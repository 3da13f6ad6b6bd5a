"""Prints a table's rows from the data folder with zarr-python 2.x, as a third party would.

Usage: dump_table.py ROOT TABLE COLUMN[,COLUMN...]
Reads the newest manifest (ROOT/_manifest/vNNNNNNNN.json: the first line is JSON; a version
marked "delta" holds only the tables changed since the version before, so the catalog is its
"checkpoint" version with every delta after it applied) for the table's folder and its live
segments, opens each segment as a Zarr v2 group, and prints one line per array
("array NAME DTYPE SHAPE"), one line per row ("row V1|V2|..."; vectors as comma-separated values,
floats as Python's repr of the stored value, booleans as t/f, NULL as \\N), and finally
"segments N".
"""
import json
import os
import sys

import numpy as np
import zarr


def text(value):
    if isinstance(value, np.ndarray):
        return ",".join(repr(float(x)) for x in value)
    if isinstance(value, (bool, np.bool_)):
        return "t" if value else "f"
    if isinstance(value, (np.floating, float)):
        return repr(float(value))
    if isinstance(value, (np.integer, int)):
        return str(int(value))
    return str(value)


def read_version(root, version):
    with open(os.path.join(root, "_manifest", "v%08d.json" % version), "rb") as f:
        return json.loads(f.read().split(b"\n", 1)[0])


def newest_manifest(root):
    names = sorted(f for f in os.listdir(os.path.join(root, "_manifest")) if f.endswith(".json"))
    newest = read_version(root, int(names[-1][1:-5]))
    if not newest.get("delta"):
        return newest
    manifest = read_version(root, newest["checkpoint"])
    for version in range(newest["checkpoint"] + 1, newest["version"] + 1):
        delta = read_version(root, version)
        for name in delta.get("dropped", []):
            manifest["tables"].pop(name, None)
        manifest["tables"].update(delta.get("tables", {}))
    return manifest


def main():
    root, table, columns = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    manifest = newest_manifest(root)
    entry = manifest["tables"][table]
    for segment in entry["segments"]:
        group = zarr.open_group(os.path.join(root, entry["directory"], segment["id"]), mode="r")
        data, nulls = [], []
        for column in columns:
            array = group[column]
            print("array", column, array.dtype.str, "x".join(str(s) for s in array.shape))
            data.append(array[:])
            nulls.append(group[column + ".null"][:] if column + ".null" in group else None)
        assert len(data[0]) == segment["rows"], (len(data[0]), segment)
        for i in range(len(data[0])):
            values = ["\\N" if n is not None and n[i] else text(d[i]) for d, n in zip(data, nulls)]
            print("row " + "|".join(values))
    print("segments", len(entry["segments"]))


main()
