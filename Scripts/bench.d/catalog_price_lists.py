#!/usr/bin/env python3
"""Per-buyer pricing cost in the catalog (issue 13): 1,000 contract price lists in place, search and
product reads for a signed-in buyer against anonymous ones.

    catalog_price_lists.py setup   DB BASE OUT [--lists 1000]   -> OUT/price-lists.json (tokens, counts)
    catalog_price_lists.py measure BASE QUERIES IDS OUT            -> table on stdout, OUT/price-lists-result.json

`setup` signs up two buyers through the API ("plain": no price list; "contract": on every list — the worst
case, its pricing query meets all 1,000 lists) and writes the lists straight into SQLite (WAL: the server
keeps running): one per supplier, round robin, with all of that supplier's listings (at most 500),
alternating fixed prices and percent discounts, a fifth with tiers of their own, a tenth overlapping
another list's supplier and a tenth expired.

`measure` runs every typical search query and random product pages sequentially for the three callers,
interleaved round by round so drift hits all alike, and prints p50/p99 per caller and the ratio of the
contract buyer's p50 to the anonymous p50 (the target: at most 1.20).
"""
import http.client, json, random, sqlite3, sys, time
from urllib.parse import urlparse

def api(base, method, path, body=None, token=None):
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = conn.getresponse(); data = r.read()
    return r.status, (json.loads(data) if data else None)

def buyer(base, name):
    email = f"{name}-{int(time.time() * 1000)}@example.com"
    status, signup = api(base, "POST", "/v1/organizations", {"kind": "buyer", "name": f"Bench {name}", "country": "KR",
        "default_currency": "KRW", "admin": {"email": email, "password": "bench buyer password", "name": "Bench"}})
    assert status == 201, signup
    status, login = api(base, "POST", "/v1/auth/tokens", {"email": email, "password": "bench buyer password"})
    assert status == 201, login
    return signup["organization"]["id"], login["user"]["id"], login["token"]

def ts(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))

def setup(db_path, base, out, lists):
    plain_org, _, plain_token = buyer(base, "plain")
    contract_org, user_id, contract_token = buyer(base, "contract")
    rng = random.Random(13)
    db = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    suppliers = [r[0] for r in db.execute("SELECT id FROM organizations WHERE kind = 'supplier' AND status = 'active' ORDER BY id")]
    now = int(time.time())
    entries = 0
    for i in range(lists):
        supplier = suppliers[(i - lists // 10) % len(suppliers)] if i >= lists - lists // 10 else suppliers[i % len(suppliers)]
        list_id = f"prl_bench{i:05d}"
        valid_from, valid_to = ts(now - 30 * 86400), (ts(now - 86400) if i % 10 == 3 else None)
        db.execute("INSERT INTO price_lists (id, seller_id, name, valid_from, valid_to, version, created_by, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                   (list_id, supplier, f"Bench contract {i}", valid_from, valid_to, user_id, ts(now), ts(now)))
        db.execute("INSERT INTO price_list_buyers (buyer_id, price_list_id) VALUES (?, ?)", (contract_org, list_id))
        products = db.execute("SELECT id, currency, unit_price FROM products WHERE seller_id = ? AND status = 'active' LIMIT 500",
                              (supplier,)).fetchall()
        for position, (pid, currency, price) in enumerate(products):
            tiers = "[]"
            if i % 5 == 0:
                tiers = json.dumps([{"min_quantity": 100, "unit_price": price}])
            if position % 2 == 0:
                fixed = f"{float(price) * 0.9:.{0 if currency in ('KRW', 'JPY') else 2}f}"
                db.execute("INSERT INTO price_list_entries (price_list_id, product_id, position, valid_from, valid_to, currency, "
                           "unit_price, price_tiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (list_id, pid, position, valid_from, valid_to, currency, fixed, tiers))
            else:
                db.execute("INSERT INTO price_list_entries (price_list_id, product_id, position, valid_from, valid_to, currency, "
                           "discount_percent, price_tiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (list_id, pid, position, valid_from, valid_to, currency, "7.5", tiers))
            entries += 1
    db.execute("COMMIT")
    db.execute("PRAGMA optimize")
    info = {"lists": lists, "entries": entries, "plain_token": plain_token, "contract_token": contract_token,
            "contract_org": contract_org}
    json.dump(info, open(f"{out}/price-lists.json", "w"))
    print(f"   {lists} price lists, {entries} entries, all assigned to the contract buyer {contract_org}")

def measure(base, queries_path, ids_path, out, rounds=200, warmup=20):
    info = json.load(open(f"{out}/price-lists.json"))
    queries = json.load(open(queries_path))
    products = json.load(open(ids_path))["products"][:5000]
    u = urlparse(base)
    callers = [("anonymous", None), ("buyer, no list", info["plain_token"]), ("buyer, 1000 lists", info["contract_token"])]
    conns = {name: http.client.HTTPConnection(u.hostname, u.port, timeout=30) for name, _ in callers}

    def get(name, token, path):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        start = time.perf_counter()
        conns[name].request("GET", path, headers=headers)
        r = conns[name].getresponse(); body = r.read()
        elapsed = (time.perf_counter() - start) * 1000
        if r.status != 200: raise SystemExit(f"{name} {path}: HTTP {r.status} {body[:300]!r}")
        return elapsed, body

    def pct(values, p):
        values = sorted(values); return values[min(len(values) - 1, int(len(values) * p))]

    results = {"queries": [], "product": None}
    print(f"{'query':32s} {'anonymous p50':>13s} {'no list p50':>12s} {'1000 lists p50':>15s} {'ratio':>6s}  contract hits")
    total = {name: 0.0 for name, _ in callers}
    for label, q in queries:
        path = f"/v1/catalog/products?{q}&limit=20"
        times = {name: [] for name, _ in callers}
        contract_hits = 0
        for i in range(rounds + warmup):
            for name, token in (callers if i % 2 == 0 else list(reversed(callers))):
                elapsed, body = get(name, token, path)
                if i >= warmup: times[name].append(elapsed)
                if i == 0 and token == info["contract_token"]:
                    contract_hits = sum(1 for hit in json.loads(body)["data"] if hit.get("price_source") == "contract")
        p50 = {name: pct(times[name], 0.5) for name, _ in callers}
        for name, _ in callers: total[name] += p50[name]
        ratio = p50["buyer, 1000 lists"] / p50["anonymous"]
        print(f"{label:32s} {p50['anonymous']:13.2f} {p50['buyer, no list']:12.2f} {p50['buyer, 1000 lists']:15.2f} {ratio:6.2f}  {contract_hits:2d}/20")
        results["queries"].append({"query": label, "p50": p50, "ratio": ratio, "contract_hits": contract_hits})
    ratio = total["buyer, 1000 lists"] / total["anonymous"]
    print(f"{'all queries (sum of p50)':32s} {total['anonymous']:13.2f} {total['buyer, no list']:12.2f} {total['buyer, 1000 lists']:15.2f} {ratio:6.2f}")
    results["search_ratio"] = ratio

    rng = random.Random(5)
    sample = [rng.choice(products) for _ in range(2000)]
    times = {name: [] for name, _ in callers}
    contract_pages = 0
    for i, pid in enumerate(sample):
        for name, token in (callers if i % 2 == 0 else list(reversed(callers))):
            elapsed, body = get(name, token, f"/v1/catalog/products/{pid}?quantity=120")
            if i >= warmup: times[name].append(elapsed)
            if token == info["contract_token"] and json.loads(body).get("price_source") == "contract": contract_pages += 1
    p = {name: (pct(times[name], 0.5), pct(times[name], 0.99)) for name, _ in callers}
    ratio = p["buyer, 1000 lists"][0] / p["anonymous"][0]
    print(f"{'product page ?quantity=120':32s} {p['anonymous'][0]:13.3f} {p['buyer, no list'][0]:12.3f} {p['buyer, 1000 lists'][0]:15.3f} {ratio:6.2f}  "
          f"{contract_pages}/{len(sample)} contract-priced; p99 {p['anonymous'][1]:.3f} / {p['buyer, no list'][1]:.3f} / {p['buyer, 1000 lists'][1]:.3f}")
    results["product"] = {"p50_p99": p, "ratio": ratio, "contract_pages": contract_pages}
    json.dump(results, open(f"{out}/price-lists-result.json", "w"), indent=1)

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        lists = int(sys.argv[sys.argv.index("--lists") + 1]) if "--lists" in sys.argv else 1000
        setup(sys.argv[2], sys.argv[3], sys.argv[4], lists)
    elif command == "measure":
        measure(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        raise SystemExit(__doc__)
