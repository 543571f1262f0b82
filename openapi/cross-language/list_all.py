"""Lists sessions through the generated Python client (agp_sessions), every page, and prints one count per query.

Usage: PYTHONPATH=openapi/target/cross-language/python python3 list_all.py BASE_URL API_KEY QUERIES_JSON
(QUERIES_JSON as run-clients.py resolves it: times are ISO-8601 instants). Prints "<count>\t<name>" lines.
"""
import json
import sys
import uuid

from dateutil.parser import isoparse

import agp_sessions
from agp_sessions.models.lifecycle_status import LifecycleStatus
from agp_sessions.models.session_owner import SessionOwner
from agp_sessions.models.session_sort import SessionSort

ENUMS = {"status": LifecycleStatus, "owner": SessionOwner, "sort": SessionSort}


def typed(name, value):
    """The wire value as the generated client types it."""
    if isinstance(value, list):
        return [typed(name, v) for v in value]
    if name in ENUMS:
        return ENUMS[name](value)
    if name.endswith("_before") or name.endswith("_after"):
        return isoparse(value)
    if name == "schedule_id":
        return uuid.UUID(value)
    return value


def main(base_url, key, queries_path):
    spec = json.load(open(queries_path))
    config = agp_sessions.Configuration(host=base_url.rstrip("/"), access_token=key)
    with agp_sessions.ApiClient(config) as client:
        api = agp_sessions.SessionsApi(client)
        for query in spec["queries"]:
            params = {name: typed(name, value) for name, value in query["params"].items()}
            seen, page = [], 1
            while True:
                answer = api.list_sessions(page=page, size=spec["pageSize"], **params)
                seen.extend(item.id for item in answer.items)
                if page * spec["pageSize"] >= answer.total or not answer.items:
                    break
                page += 1
            if len(set(seen)) != len(seen):
                sys.exit(f"python: {query['name']}: a session came twice")
            print(f"{len(seen)}\t{query['name']}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
