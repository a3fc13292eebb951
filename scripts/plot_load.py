# SPDX-License-Identifier: MIT
"""plot.py's JSON edge: read a membench result or fleet (docs/results.md) and check it
against docs/schema (with jsonschema when it is there, else the top-level keys).
BadInput is what any bad input to plot.py raises: one line for the user, exit 2."""
import json
import os

SCHEMA = "membench-result/1"
FLEET = "membench-fleet/1"
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "schema")
SCHEMA_FILES = {SCHEMA: "membench-result-1.schema.json", FLEET: "membench-fleet-1.schema.json"}


class BadInput(Exception):
    pass


def load(path):
    """The result in path, checked against the schema (when jsonschema is there)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise BadInput("cannot read %s: %s" % (path, e.strerror or e))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput("%s: not valid JSON: %s" % (path, e))
    if not isinstance(doc, dict) or doc.get("schema") not in SCHEMA_FILES:
        got = doc.get("schema") if isinstance(doc, dict) else None
        raise BadInput("%s: not a membench result (schema is %s, expected \"%s\" or \"%s\")"
                       % (path, json.dumps(got), SCHEMA, FLEET))
    try:
        import jsonschema
        store = {}
        for tag, name in SCHEMA_FILES.items():
            with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as f:
                store[tag] = json.load(f)
        schema = store[doc["schema"]]
    except (ImportError, OSError):
        schema = None
    if schema is not None:
        # the fleet's items $ref the result schema by its $id: resolved here, offline
        resolver = jsonschema.RefResolver.from_schema(
            schema, store={s["$id"]: s for s in store.values()})
        err = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(doc))
        if err is not None:
            where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                            for p in err.absolute_path).lstrip(".") or "top level"
            raise BadInput("%s: %s: %s" % (path, where, err.message))
    elif doc["schema"] == FLEET:
        if not isinstance(doc.get("hosts"), list):
            raise BadInput("%s: missing or wrong \"hosts\"" % path)
    else:
        for key, typ in (("host", dict), ("cost", list), ("litmus", list)):
            if not isinstance(doc.get(key), typ):
                raise BadInput("%s: missing or wrong \"%s\"" % (path, key))
    return doc
