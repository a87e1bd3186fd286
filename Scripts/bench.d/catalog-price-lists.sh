# Sourced by Scripts/bench-catalog --price-lists (issue 13), with $db, $BASE, $ids, $out, $count, $DURATION
# set and the server running: 1,000 contract price lists written into the database, then search and
# product reads for signed-in buyers (one on no list, one on all 1,000) against anonymous ones,
# sequential (p50 ratio) and under wrk (requests/s). The per-buyer pricing should cost at most 20%.
echo "-- 1,000 price lists: signed-in buyer vs anonymous"
python3 Scripts/bench.d/catalog_price_lists.py setup "$db" "$BASE" "$out" --lists 1000
python3 Scripts/bench.d/catalog_price_lists.py measure "$BASE" "$out/queries-$count.json" "$ids" "$out" | tee "$out/price-lists-$count.txt"
plain_token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plain_token"])' "$out/price-lists.json")
contract_token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["contract_token"])' "$out/price-lists.json")
for kind in search product; do
  # Interleaved so load from elsewhere on the machine hits the three alike.
  for round in 1 2; do
    wrk -t2 -c32 -d"$DURATION" -s "$out/$kind-$count.lua" "$BASE" >"$out/wrk-$kind-anon-$round.txt" 2>&1 || true
    wrk -t2 -c32 -d"$DURATION" -s "$out/$kind-$count.lua" -H "Authorization: Bearer $plain_token" "$BASE" \
      >"$out/wrk-$kind-plain-$round.txt" 2>&1 || true
    wrk -t2 -c32 -d"$DURATION" -s "$out/$kind-$count.lua" -H "Authorization: Bearer $contract_token" "$BASE" \
      >"$out/wrk-$kind-contract-$round.txt" 2>&1 || true
  done
  python3 - "$kind" "$out" <<'PY' | tee -a "$out/price-lists-$count.txt"
import re, sys
kind, out = sys.argv[1], sys.argv[2]
def rps(who):
    total = 0.0
    for round in (1, 2):
        m = re.search(r"Requests/sec:\s+([\d.]+)", open(f"{out}/wrk-{kind}-{who}-{round}.txt").read())
        total += float(m.group(1)) if m else 0.0
    return total / 2
anon, plain, contract = rps("anon"), rps("plain"), rps("contract")
print(f"wrk -c32 {kind:8s} anonymous {anon:8.0f} req/s  buyer, no list {plain:8.0f} req/s  buyer, 1000 lists {contract:8.0f} req/s  "
      f"cost vs anonymous {100 * (1 - contract / anon):5.1f}%  (of which sign-in {100 * (1 - plain / anon):5.1f}%)")
PY
done
