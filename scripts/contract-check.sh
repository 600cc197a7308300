#!/usr/bin/env bash
# The contract check: starts the platform on a fresh data directory (embedded Temporal, demo carriers), then runs
# Schemathesis (every check and phase, test/contract/schemathesis.toml) against the document it serves, once with an
# admin key over the staff API and once with a carrier's partner key over the APIs carriers call (TMF, and the Sonata
# listener). Exits non-zero on any failure. Schemathesis is installed from PyPI into .venv-contract on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

ST_VERSION=4.32.5
VENV=.venv-contract
if [ ! -x "$VENV/bin/st" ] || ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$ST_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION"
fi

PORT=${CONTRACT_PORT:-3917}
DATA=$(mktemp -d)
KEY="contract-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PORT DATA_DIR="$DATA" ADMIN_API_KEY="$KEY" LOG_LEVEL=warn TEMPORAL_DEV_SERVER_PORT=${CONTRACT_TEMPORAL_PORT:-7917}
if curl -s -o /dev/null "http://127.0.0.1:$PORT/health"; then echo "port $PORT is taken: stop what listens there"; exit 1; fi
# node itself (not npx, which would not pass the stop signal on), so the platform and its dev server stop with us.
node --import tsx scripts/start.ts > "$DATA/platform.log" 2>&1 &
PLATFORM=$!
stop() {
  kill -INT "$PLATFORM" 2>/dev/null || true
  wait "$PLATFORM" 2>/dev/null || true
  rm -rf "$DATA"
}
trap stop EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -sf "$BASE/health" > /dev/null && break
  kill -0 "$PLATFORM" 2>/dev/null || { cat "$DATA/platform.log"; exit 1; }
  sleep 1
done
curl -sf "$BASE/health" > /dev/null || { echo "the platform did not start"; cat "$DATA/platform.log"; exit 1; }

CARRIER_APIS='^/(tmf-api/(productOrderingManagement|troubleTicket)|mefApi/sonata/(productOrderingNotification|troubleTicketNotification))/'
# One worker: two threads would parse Python source at once, which CPython before 3.11.9 / 3.12.3 can fail on
# (SystemError: AST constructor recursion depth mismatch, gh-106905) inside Hypothesis.
run() {
  "$VENV/bin/st" --config-file test/contract/schemathesis.toml run "$BASE/openapi.json" \
    --checks all --workers 1 --seed "${CONTRACT_SEED:-20261203}" --no-color "$@"
}
status=0
run -H "Authorization: Bearer $KEY" --exclude-path-regex "$CARRIER_APIS" || status=1
# A carrier's own key, issued after the staff run (which may revoke keys): one of the demo carriers, made active (by
# an admin's override: the demo carriers are simulated and not certified).
PARTNER=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/api/v1/partners" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -sf -H "Authorization: Bearer $KEY" -H 'content-type: application/json' -X PATCH "$BASE/api/v1/partners/$PARTNER" \
  -d '{"status":"active","activationOverride":{"reason":"the contract check carrier, not certified"}}' > /dev/null
PARTNER_KEY=$(curl -sf -H "Authorization: Bearer $KEY" -H 'content-type: application/json' -X POST "$BASE/api/v1/api-keys" \
  -d "{\"name\":\"contract check\",\"role\":\"partner\",\"partnerId\":\"$PARTNER\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')

# No stateful phase here: no link joins two operations a carrier may call (their ids come from us, not from them).
run -H "Authorization: Bearer $PARTNER_KEY" --include-path-regex "$CARRIER_APIS" --phases examples,coverage,fuzzing || status=1
exit $status
