#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""validate.py FILE... - check membench results and fleets against their JSON
schemas (docs/schema/), the fleet's $ref to the result schema resolved
locally.  One line per file; exit 1 at the first that fails."""
import json
import os
import sys

import jsonschema

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "schema")


def schemas():
    out = {}
    for name in ("membench-result-1.schema.json", "membench-fleet-1.schema.json"):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            s = json.load(f)
        jsonschema.Draft202012Validator.check_schema(s)
        out[s["properties"]["schema"]["const"]] = s
    return out


def main():
    by_tag = schemas()
    store = {s["$id"]: s for s in by_tag.values()}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        schema = by_tag.get(doc.get("schema"))
        if schema is None:
            print("%s: unknown schema %r" % (path, doc.get("schema")))
            return 1
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        err = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(doc))
        if err is not None:
            print("%s: %s: %s" % (path, "/".join(str(p) for p in err.absolute_path), err.message))
            return 1
        n = len(doc["hosts"]) if "hosts" in doc else 1
        print("%s: valid %s (%d host%s)" % (path, doc["schema"], n, "" if n == 1 else "s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
