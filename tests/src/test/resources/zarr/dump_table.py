"""Prints a table's rows from the data folder with zarr-python 2.x, as a third party would.

Usage: dump_table.py ROOT TABLE COLUMN[,COLUMN...]
Reads the newest manifest (ROOT/_manifest/vNNNNNNNN.json) for the table's folder and its live
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


def main():
    root, table, columns = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    manifests = sorted(f for f in os.listdir(os.path.join(root, "_manifest")) if f.endswith(".json"))
    with open(os.path.join(root, "_manifest", manifests[-1])) as f:
        manifest = json.load(f)
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
