"""Prints a table's rows from the data folder with zarr-python 2.x, as a third party would.

Usage: dump_table.py ROOT TABLE COLUMN[,COLUMN...]
Reads the newest manifest (a version's first line is JSON; a version marked "delta" holds only
the fields of the tables changed since the version before, so the catalog is its "checkpoint"
version with every delta after it applied; versions are files _manifest/vNNNNNNNN.json or records
of the log files _manifest/log/*.log) for the table's folder and its live
segments, opens each segment as a Zarr v2 group, and prints one line per array
("array NAME DTYPE SHAPE"), one line per row ("row V1|V2|..."; vectors as comma-separated values,
floats as Python's repr of the stored value, booleans as t/f, NULL as \\N), and finally
"segments N".
"""
import json
import os
import struct
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


def manifest_versions(root):
    """Every manifest version's bytes: files _manifest/vNNNNNNNN.json, and the records of the log
    files _manifest/log/*.log (little-endian: magic "S3VR", version int64, length int32 (-1: the
    version was deleted), CRC-32C int32, the bytes)."""
    versions = {}
    folder = os.path.join(root, "_manifest")
    for name in os.listdir(folder):
        if name.startswith("v") and name.endswith(".json"):
            with open(os.path.join(folder, name), "rb") as f:
                versions[int(name[1:-5])] = f.read()
    logs = os.path.join(folder, "log")
    for name in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
        if not name.endswith(".log"):
            continue
        with open(os.path.join(logs, name), "rb") as f:
            data = f.read()
        at = 0
        while at + 20 <= len(data):
            magic, version, length, _crc = struct.unpack_from("<iqii", data, at)
            if magic != 0x52563353 or at + 20 + max(length, 0) > len(data):
                break
            if length < 0:
                versions.pop(version, None)
            else:
                versions[version] = data[at + 20:at + 20 + length]
            at += 20 + max(length, 0)
    return versions


def newest_manifest(root):
    versions = manifest_versions(root)

    def read(version):
        data = versions[version]
        try:
            return json.loads(data.split(b"\n", 1)[0])
        except ValueError:
            # written before format 2: a whole catalog, indented over many lines, nothing after it
            return json.loads(data)

    newest = read(max(versions))
    if not newest.get("delta"):
        return newest
    manifest = read(newest["checkpoint"])
    for version in range(newest["checkpoint"] + 1, newest["version"] + 1):
        delta = read(version)
        for name in delta.get("dropped", []):
            manifest["tables"].pop(name, None)
        for name, patch in delta.get("tables", {}).items():
            if patch.get("whole"):
                manifest["tables"][name] = patch
                continue
            entry = manifest["tables"][name]
            edits = patch.get("segment_edits")
            if edits is not None:
                # the new list as runs of the old one ("from", "to") and new segments ("added")
                segments = []
                for run in edits:
                    if run.get("added") is not None:
                        segments.extend(run["added"])
                    else:
                        segments.extend(entry["segments"][run["from"]:run["to"]])
                entry["segments"] = segments
            for field, value in patch.items():
                if field not in ("moved", "unmoved", "whole", "segment_edits") and value is not None:
                    entry[field] = value
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
