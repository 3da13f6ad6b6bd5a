"""Prints a table's rows from its Zarr v2 segments, with zarr-python 2.x only.

Usage: dump_table.py TABLE_DIR COLUMN[,COLUMN...]
Each segment is a Zarr group under TABLE_DIR with one array per column. Prints one line per
array ("array NAME DTYPE SHAPE") and one line per row ("row V1|V2|..."), vectors as
comma-separated values; floats as Python's repr of the stored value, booleans as t/f.
"""
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
    table_dir, columns = sys.argv[1], sys.argv[2].split(",")
    segments = 0
    for name in sorted(os.listdir(table_dir)):
        path = os.path.join(table_dir, name)
        if name.startswith("_") or not os.path.isfile(os.path.join(path, ".zgroup")):
            continue
        group = zarr.open_group(path, mode="r")
        segments += 1
        data = []
        for column in columns:
            array = group[column]
            print("array", column, array.dtype.str, "x".join(str(s) for s in array.shape))
            data.append(array[:])
        for i in range(len(data[0])):
            print("row " + "|".join(text(d[i]) for d in data))
    print("segments", segments)


main()
