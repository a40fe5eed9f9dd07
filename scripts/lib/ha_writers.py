"""Writers for scripts/ha: contributions POSTed to a running `fundledger serve`, each with its own
Idempotency-Key, retried with that same key until the service acknowledges it (201), through
whatever happens to the database meanwhile (a failover: 503s, refused or dropped connections).

    python3 ha_writers.py BASE_URL TOKEN WRITERS SECONDS OUT.json

Each writer records its keys one after the other for SECONDS, then stops taking new keys but
keeps retrying the one in hand (up to 60 s more). OUT.json: every key with the contribution id the
service answered (null when never acknowledged), the number of failed attempts, and the longest
time the service was unable to write (first failure to next acknowledgement, per writer), and
any answer other than 201 or 503 (unexpected: the key is then abandoned).
Standard library only: CI's Debian has python3 and nothing else is needed.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, token, writers, seconds, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlsplit(base)
deadline = time.monotonic() + seconds
give_up = deadline + 60
donors = ["Bondy", "Liffré", "Strasbourg", "Nancy"]
results = {}
failures = []
unexpected = []
longest_gap = [0.0]
lock = threading.Lock()


def post(connection, key, body):
    connection.request("POST", "/v1/contributions", body=json.dumps(body).encode(), headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    return response.status, response.read()


def writer(number):
    connection = None
    turn = 0
    while time.monotonic() < deadline:
        turn += 1
        key = f"HA-{number}-{turn}"
        body = {"fund": "GAZA", "donor": donors[turn % len(donors)], "amount_cents": 100 + number,
                "received_on": "2026-03-02", "reference": key}
        first_failure = None
        acknowledged = None
        while acknowledged is None and time.monotonic() < give_up:
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                status, payload = post(connection, key, body)
                if status == 201:
                    acknowledged = json.loads(payload)["id"]
                    break
                reason = f"HTTP {status}: {payload[:200]!r}"
                if status != 503:  # only "the database is unavailable" is worth a retry
                    with lock:
                        unexpected.append(f"{key}: {reason}")
                    break
            except (OSError, http.client.HTTPException) as error:
                reason = repr(error)
                connection = None
            now = time.monotonic()
            first_failure = first_failure or now
            with lock:
                failures.append(f"{key}: {reason}")
            time.sleep(0.2)
        if first_failure is not None and acknowledged is not None:
            with lock:
                longest_gap[0] = max(longest_gap[0], time.monotonic() - first_failure)
        with lock:
            results[key] = acknowledged


threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with open(out_path, "w") as out:
    json.dump({"keys": results, "failed_attempts": len(failures), "examples": failures[:5], "unexpected": unexpected,
               "longest_unavailable_seconds": round(longest_gap[0], 2)}, out)
