#!/usr/bin/env python3
"""Parses SQL files with sqlglot, each in its engine's grammar, and reports the ones that do not
parse. For the engines the tests cannot run here (Athena, Trino, BigQuery): a grammar check of the
SQL `costtop sql` prints (docs/rollup.md). It does not know which functions an engine has.

Usage: scripts/sql-parse-check.py ENGINE=FILE...   (ENGINE: athena, trino, bigquery, spark, duckdb)
"""
import sys

import sqlglot

failures = 0
for argument in sys.argv[1:]:
    engine, path = argument.split("=", 1)
    try:
        sqlglot.parse_one(open(path).read(), read=engine, error_level=sqlglot.ErrorLevel.RAISE)
    except Exception as error:  # sqlglot raises ParseError or TokenError
        failures += 1
        print(f"{path} ({engine}): {error}", file=sys.stderr)
print(f"{len(sys.argv) - 1 - failures} of {len(sys.argv) - 1} parse", file=sys.stderr)
sys.exit(1 if failures else 0)
