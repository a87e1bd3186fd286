#!/usr/bin/env python3
"""Synthetic catalog for benchmarks: suppliers, a category tree and N listings with Korean and English
titles, written straight into a migrated marketplace database (`marketplace migrate --database PATH`),
or as an import CSV.

It writes every table a listing write touches, in the formats the server writes them
(MarketCore/Catalog/ListingIndex.swift and MarketCore/Search/SearchText.swift): `products`,
`listing_category_keys`, `listing_docs` and `listing_index` (the search projection; its triggers keep
`listing_category_counts`), `listing_search`
(FTS5: the `title` and `body` columns hold SearchText.indexDocument output, ported below for the
scripts this generator uses: ASCII words and Hangul syllables).

    gen-catalog.py db PATH --count 100000 [--seed 1] [--ids OUT.json]
    gen-catalog.py csv PATH --count 100000 [--seed 2] [--sku-prefix IMP] [--ids IDS.json]

No dependency beyond the Python standard library (sqlite3).
"""
import argparse
import json
import random
import sqlite3
import sys
import time
import unicodedata

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def make_id(prefix, rng, millis):
    """An id shaped like MarketCore's ID.make: prefix_ + 26 Crockford base32 characters (ULID layout)."""
    value = (millis & ((1 << 48) - 1)) << 80 | rng.getrandbits(80)
    chars = []
    for _ in range(26):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return prefix + "_" + "".join(reversed(chars))


def timestamp(seconds):
    t = time.gmtime(seconds)
    return time.strftime("%Y-%m-%dT%H:%M:%S", t) + ".000Z"


# MARK: - SearchText.indexDocument, for ASCII and Hangul text

def _char_class(ch):
    if 0xAC00 <= ord(ch) <= 0xD7A3:
        return "syllabic"
    cat = unicodedata.category(ch)
    if cat[0] in ("L", "N") or cat == "Co":
        return "word"
    if cat[0] == "M":
        return "mark"
    return "sep"


def segments(text):
    normalized = unicodedata.normalize("NFKC", text).lower()
    out = []
    current = None
    current_class = "sep"
    for ch in normalized:
        kind = _char_class(ch)
        if kind == "sep":
            if current is not None:
                out.append(current)
            current, current_class = None, "sep"
        elif kind == "mark":
            if current_class == "word":
                current[1].append(ch)
        else:
            if kind != current_class:
                if current is not None:
                    out.append(current)
                current, current_class = (kind, []), kind
            current[1].append(ch)
    if current is not None:
        out.append(current)
    return out


def index_document(texts):
    tokens = []
    for text in texts:
        if not text:
            continue
        for kind, chars in segments(text):
            if kind == "word":
                tokens.append("".join(chars))
            else:
                tokens.extend(chars[i] + chars[i + 1] for i in range(len(chars) - 1))
                tokens.append(chars[-1])
    return " ".join(tokens)


# MARK: - Vocabulary

# (Korean noun, English noun, category key)
NOUNS = [
    ("볼트", "bolt", "fasteners/bolts"), ("너트", "nut", "fasteners/nuts"), ("와셔", "washer", "fasteners/washers"),
    ("나사", "screw", "fasteners/screws"), ("앵커", "anchor", "fasteners/anchors"), ("리벳", "rivet", "fasteners/rivets"),
    ("못", "nail", "fasteners/nails"), ("베어링", "bearing", "power/bearings"), ("기어", "gear", "power/gears"),
    ("체인", "chain", "power/chains"), ("벨트", "belt", "power/belts"), ("풀리", "pulley", "power/pulleys"),
    ("커플링", "coupling", "power/couplings"), ("밸브", "valve", "fluid/valves"), ("파이프", "pipe", "fluid/pipes"),
    ("호스", "hose", "fluid/hoses"), ("피팅", "fitting", "fluid/fittings"), ("플랜지", "flange", "fluid/flanges"),
    ("가스켓", "gasket", "fluid/seals"), ("오링", "o-ring", "fluid/seals"), ("펌프", "pump", "fluid/pumps"),
    ("필터", "filter", "fluid/filters"), ("케이블", "cable", "electrical/cables"), ("스위치", "switch", "electrical/switches"),
    ("센서", "sensor", "electrical/sensors"), ("모터", "motor", "electrical/motors"), ("릴레이", "relay", "electrical/relays"),
    ("차단기", "breaker", "electrical/breakers"), ("커넥터", "connector", "electrical/connectors"),
    ("단자", "terminal", "electrical/connectors"), ("변압기", "transformer", "electrical/power"),
    ("인버터", "inverter", "electrical/power"), ("배터리", "battery", "electrical/power"), ("전구", "bulb", "electrical/lighting"),
    ("조명", "light", "electrical/lighting"), ("장갑", "glove", "safety/gloves"), ("안전화", "safety shoe", "safety/footwear"),
    ("헬멧", "helmet", "safety/headwear"), ("마스크", "mask", "safety/respiratory"), ("보안경", "goggles", "safety/eyewear"),
    ("귀마개", "earplug", "safety/hearing"), ("테이프", "tape", "consumables/tapes"), ("접착제", "adhesive", "consumables/adhesives"),
    ("실리콘", "silicone sealant", "consumables/adhesives"), ("페인트", "paint", "consumables/paints"),
    ("윤활유", "lubricant", "consumables/lubricants"), ("드릴", "drill", "tools/power-tools"), ("그라인더", "grinder", "tools/power-tools"),
    ("렌치", "wrench", "tools/hand-tools"), ("스패너", "spanner", "tools/hand-tools"), ("드라이버", "screwdriver", "tools/hand-tools"),
    ("망치", "hammer", "tools/hand-tools"), ("톱", "saw", "tools/hand-tools"), ("줄자", "tape measure", "tools/measuring"),
    ("캘리퍼스", "caliper", "tools/measuring"), ("스프링", "spring", "power/springs"), ("힌지", "hinge", "hardware/hinges"),
    ("브래킷", "bracket", "hardware/brackets"), ("손잡이", "handle", "hardware/handles"), ("자물쇠", "padlock", "hardware/locks"),
    ("합판", "plywood", "building/boards"), ("석고보드", "gypsum board", "building/boards"), ("단열재", "insulation", "building/insulation"),
    ("타일", "tile", "building/finishes"), ("시멘트", "cement", "building/cement"), ("철근", "rebar", "building/steel"),
    ("앵글", "angle steel", "building/steel"), ("용접봉", "welding rod", "tools/welding"), ("팔레트", "pallet", "logistics/pallets"),
    ("상자", "carton box", "logistics/packaging"), ("랩", "stretch film", "logistics/packaging"),
]

# (Korean modifier, English modifier); the Korean one is written fused to the noun half of the time.
MODIFIERS = [
    ("육각", "hex"), ("스테인리스", "stainless"), ("아연도금", "galvanized"), ("고장력", "high-tensile"),
    ("접시머리", "countersunk"), ("둥근머리", "round-head"), ("산업용", "industrial"), ("방수", "waterproof"),
    ("내열", "heat-resistant"), ("소형", "compact"), ("대형", "heavy-duty"), ("정밀", "precision"),
    ("황동", "brass"), ("알루미늄", "aluminium"), ("플라스틱", "plastic"), ("고무", "rubber"),
    ("무선", "cordless"), ("전기", "electric"), ("유압", "hydraulic"), ("공압", "pneumatic"),
]

SIZES = ["M3", "M4", "M5", "M6", "M8", "M10", "M12", "M16", "M20", "M24", "10mm", "20mm", "50mm", "100mm",
         "1/4\"", "3/8\"", "1/2\"", "3/4\"", "1m", "5m", "10m", "20L", "500ml", "A4", "XL", "L", "M"]
UNITS = ["piece", "box", "set", "roll", "m", "kg", "pack"]
BRANDS = ["Daehan", "Hanil", "Seoul Steel", "Kumho Tools", "Busan Marine", "Acme", "Northwind", "Orion", "Samil", "Taeyang"]

TOP_CATEGORIES = {
    "fasteners": ("Fasteners", "체결류"), "power": ("Power transmission", "동력전달"), "fluid": ("Fluid handling", "유체"),
    "electrical": ("Electrical", "전기"), "safety": ("Safety", "안전용품"), "consumables": ("Consumables", "소모품"),
    "tools": ("Tools", "공구"), "hardware": ("Hardware", "철물"), "building": ("Building materials", "건축자재"),
    "logistics": ("Logistics", "물류"),
}

CURRENCIES = [("KRW", 0.55), ("USD", 0.30), ("EUR", 0.10), ("JPY", 0.05)]
# Indicative: 1 USD = rate QUOTE.
FX = [("USD", "KRW", "1350"), ("USD", "EUR", "0.92"), ("USD", "JPY", "151.5")]


def pick_currency(rng):
    x = rng.random()
    for code, weight in CURRENCIES:
        if x < weight:
            return code
        x -= weight
    return "USD"


def price_for(rng, currency):
    usd_micros = int(rng.lognormvariate(2.3, 1.3) * 1_000_000)  # median ≈ 10 USD
    usd_micros = max(usd_micros, 10_000)
    if currency == "KRW":
        return (usd_micros * 1350 // 1_000_000) * 1_000_000, 0  # whole won
    if currency == "JPY":
        return (usd_micros * 151 // 1_000_000) * 1_000_000, 0
    rate = 0.92 if currency == "EUR" else 1.0
    return int(usd_micros * rate) // 10_000 * 10_000, 2


def decimal_text(micros, minor):
    units, frac = divmod(micros, 1_000_000)
    frac_text = f"{frac:06d}".rstrip("0")
    if len(frac_text) < minor:
        frac_text += "0" * (minor - len(frac_text))
    return f"{units}.{frac_text}" if frac_text else str(units)


class Listing:
    __slots__ = ("sku", "title_en", "title_ko", "description_en", "description_ko", "category", "unit",
                 "currency", "price_micros", "minor", "tiers", "moq", "stock", "lead")


def make_listing(rng, index, sku_prefix):
    noun_ko, noun_en, category = NOUNS[rng.randrange(len(NOUNS))]
    mod_ko, mod_en = MODIFIERS[rng.randrange(len(MODIFIERS))]
    size = SIZES[rng.randrange(len(SIZES))]
    brand = BRANDS[rng.randrange(len(BRANDS))]
    joiner = "" if rng.random() < 0.5 else " "
    item = Listing()
    item.sku = f"{sku_prefix}-{index:07d}"
    item.title_ko = f"{mod_ko}{joiner}{noun_ko} {size}" if rng.random() < 0.9 else None
    item.title_en = f"{mod_en.capitalize()} {noun_en} {size}" if rng.random() < 0.9 or item.title_ko is None else None
    item.description_en = f"{brand} {mod_en} {noun_en}, size {size}. Ships from Korea." if rng.random() < 0.7 else None
    item.description_ko = f"{brand} {mod_ko} {noun_ko} 규격 {size}. 국내 재고." if rng.random() < 0.7 else None
    item.category = category
    item.unit = UNITS[rng.randrange(len(UNITS))]
    item.currency = pick_currency(rng)
    item.price_micros, item.minor = price_for(rng, item.currency)
    item.tiers = []
    if rng.random() < 0.3 and item.price_micros >= 100_000 * (1 if item.minor else 1_000_000):
        step = item.price_micros // 20
        if item.minor == 0:
            step = max(step // 1_000_000, 1) * 1_000_000
        if step > 0:
            item.tiers = [(100, item.price_micros - step), (1000, item.price_micros - 2 * step)]
    item.moq = rng.choice([1, 1, 1, 5, 10, 50])
    item.stock = 0 if rng.random() < 0.1 else rng.randrange(1, 50_000)
    item.lead = rng.randrange(0, 30)
    return item


def tiers_json(item):
    return json.dumps([{"min_quantity": q, "unit_price": decimal_text(p, item.minor)} for q, p in item.tiers],
                      separators=(",", ":"))


def tiers_csv(item):
    return ";".join(f"{q}:{decimal_text(p, item.minor)}" for q, p in item.tiers)


# MARK: - Database

def ensure_categories(db, rng, now):
    ids = {}
    for key, (en, ko) in TOP_CATEGORIES.items():
        ids[key] = make_id("cat", rng, now * 1000)
        db.execute("INSERT INTO categories (id, parent_id, name_en, name_ko, created_at) VALUES (?, NULL, ?, ?, ?)",
                   (ids[key], en, ko, timestamp(now)))
    for _, _, path in NOUNS:
        if path in ids:
            continue
        parent, leaf = path.split("/")
        ids[path] = make_id("cat", rng, now * 1000)
        db.execute("INSERT INTO categories (id, parent_id, name_en, name_ko, created_at) VALUES (?, ?, ?, ?, ?)",
                   (ids[path], ids[parent], leaf.replace("-", " ").capitalize(), leaf, timestamp(now)))
    return ids


def write_database(path, count, seed, ids_out, suppliers):
    rng = random.Random(seed)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    db.execute("BEGIN")
    now = int(time.time())
    categories = ensure_categories(db, rng, now)
    category_keys = {}
    for path, cid in categories.items():
        category_keys[path] = db.execute("INSERT INTO listing_category_keys (category_id) VALUES (?)", (cid,)).lastrowid
    seller_ids = []
    for n in range(suppliers):
        sid = make_id("org", rng, (now - 86400 * 400) * 1000 + n)
        seller_ids.append(sid)
        db.execute(
            "INSERT INTO organizations (id, kind, name, country, default_currency, status, created_at, updated_at) "
            "VALUES (?, 'supplier', ?, 'KR', 'KRW', 'active', ?, ?)",
            (sid, f"{BRANDS[n % len(BRANDS)]} Supply {n}", timestamp(now), timestamp(now)))
        if rng.random() < 0.8:
            reviews = rng.randrange(1, 400)
            rating = rng.randrange(3000, 4950)
            db.execute(
                "INSERT INTO supplier_scorecards (supplier_id, review_count, rating_sum, bayesian_rating_milli, updated_at) "
                "VALUES (?, ?, ?, ?, ?)", (sid, reviews, reviews * rating // 1000, rating, timestamp(now)))
    for base, quote, rate in FX:
        db.execute("INSERT INTO fx_rates (id, base, quote, rate, effective_from, created_at, created_by) "
                   "VALUES (?, ?, ?, ?, ?, ?, 'gen-catalog')",
                   (make_id("fx", rng, now * 1000), base, quote, rate, timestamp(now - 86400), timestamp(now)))
    ratings = dict(db.execute("SELECT supplier_id, bayesian_rating_milli FROM supplier_scorecards").fetchall())
    sample_products = []
    start = now - 86400 * 365
    for i in range(count):
        item = make_listing(rng, i, "GEN")
        created = start + (86400 * 365 * i) // max(count, 1)
        pid = make_id("prd", rng, created * 1000)
        seller = seller_ids[rng.randrange(len(seller_ids))]
        category = categories[item.category]
        ts = timestamp(created)
        db.execute(
            "INSERT INTO products (id, seller_id, sku, title_en, title_ko, description_en, description_ko, category_id, "
            "unit, currency, unit_price, unit_price_micros, price_tiers, min_order_quantity, stock, lead_time_days, "
            "attributes, status, visible_to, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 'active', NULL, 1, ?, ?)",
            (pid, seller, item.sku, item.title_en, item.title_ko, item.description_en, item.description_ko, category,
             item.unit, item.currency, decimal_text(item.price_micros, item.minor), item.price_micros, tiers_json(item),
             item.moq, item.stock, item.lead, ts, ts))
        doc = db.execute("INSERT INTO listing_docs (product_id, seller_id) VALUES (?, ?)", (pid, seller)).lastrowid
        db.execute(
            "INSERT INTO listing_index (doc, category_key, active, seller_active, restricted, in_stock, currency, "
            "price_micros, seller_rating) VALUES (?, ?, 1, 1, 0, ?, ?, ?, ?)",
            (doc, category_keys[item.category], 1 if item.stock > 0 else 0, item.currency, item.price_micros,
             ratings.get(seller) if ratings.get(seller) is not None else -1))
        db.execute("INSERT INTO listing_search (rowid, title, body) VALUES (?, ?, ?)",
                   (doc, index_document([item.title_en, item.title_ko, item.sku]),
                    index_document([item.description_en, item.description_ko])))
        if len(sample_products) < 20000 and rng.random() < 20000 / max(count, 1) * 1.5:
            sample_products.append(pid)
        if i and i % 100_000 == 0:
            print(f"  {i} listings", file=sys.stderr)
    db.execute("COMMIT")
    db.execute("INSERT INTO listing_search (listing_search) VALUES ('optimize')")
    db.execute("ANALYZE")
    db.close()
    if ids_out:
        with open(ids_out, "w") as f:
            json.dump({"products": sample_products, "categories": categories, "sellers": seller_ids[:50]}, f)


def write_csv(path, count, seed, sku_prefix, categories):
    import csv
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(["sku", "title_en", "title_ko", "description_en", "description_ko", "category_id", "unit",
                         "currency", "unit_price", "price_tiers", "min_order_quantity", "stock", "lead_time_days",
                         "status"])
        for i in range(count):
            item = make_listing(rng, i, sku_prefix)
            writer.writerow([item.sku, item.title_en or "", item.title_ko or "", item.description_en or "",
                             item.description_ko or "", categories.get(item.category, ""), item.unit, item.currency,
                             decimal_text(item.price_micros, item.minor), tiers_csv(item), item.moq, item.stock,
                             item.lead, "active"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["db", "csv"])
    parser.add_argument("path")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--suppliers", type=int, default=1000)
    parser.add_argument("--ids", help="db mode: write sample product ids and category ids here (JSON); "
                                      "csv mode: read category ids from there")
    parser.add_argument("--sku-prefix", default="IMP")
    args = parser.parse_args()
    started = time.time()
    if args.mode == "db":
        write_database(args.path, args.count, args.seed, args.ids, args.suppliers)
    else:
        categories = {}
        if args.ids:
            with open(args.ids) as f:
                categories = json.load(f).get("categories", {})
        write_csv(args.path, args.count, args.seed, args.sku_prefix, categories)
    print(f"gen-catalog: {args.mode} {args.count} listings in {time.time() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
