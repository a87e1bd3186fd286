# Sourced by Scripts/bench-catalog --price-lists (issue 13), with $db, $BASE, $ids, $out, $count, $DURATION
# set and the server running: 1,000 contract price lists written into the database, then search and
# product reads for a signed-in buyer (with and without price lists) against anonymous ones, sequential
# (p50 ratio) and under wrk (requests/s ratio). The per-buyer pricing should cost at most 20%.
echo "-- 1,000 price lists: signed-in buyer vs anonymous"
python3 Scripts/bench.d/catalog_price_lists.py setup "$db" "$BASE" "$out" --lists 1000
python3 Scripts/bench.d/catalog_price_lists.py measure "$BASE" "$out/queries-$count.json" "$ids" "$out" | tee "$out/price-lists-$count.txt"
contract_token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["contract_token"])' "$out/price-lists.json")
for kind in search product; do
  wrk -t2 -c32 -d"$DURATION" --latency -s "$out/$kind-$count.lua" "$BASE" >"$out/wrk-$kind-anon-pl-$count.txt" 2>&1 || true
  wrk -t2 -c32 -d"$DURATION" --latency -s "$out/$kind-$count.lua" -H "Authorization: Bearer $contract_token" "$BASE" \
    >"$out/wrk-$kind-contract-$count.txt" 2>&1 || true
  python3 - "$kind" "$out/wrk-$kind-anon-pl-$count.txt" "$out/wrk-$kind-contract-$count.txt" <<'PY' | tee -a "$out/price-lists-$count.txt"
import re, sys
def rps(path):
    m = re.search(r"Requests/sec:\s+([\d.]+)", open(path).read()); return float(m.group(1)) if m else 0.0
anon, contract = rps(sys.argv[2]), rps(sys.argv[3])
print(f"wrk -c32 {sys.argv[1]:8s} anonymous {anon:9.0f} req/s   buyer with 1000 lists {contract:9.0f} req/s   "
      f"cost {100 * (1 - contract / anon) if anon else float('nan'):5.1f}%")
PY
done
