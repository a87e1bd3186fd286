-- wrk script for Scripts/bench-orders: a full checkout per request (auth, tier pricing, FX conversion,
-- fee rule, stock reservation, one write transaction). Environment:
--   BENCH_TOKEN     buyer bearer token
--   BENCH_PRODUCTS  comma-separated listing ids (USD and EUR listings: half the lines are converted)
--   BENCH_LINES     lines per checkout (default 1)
--   BENCH_IDEMPOTENCY  "1": every request carries a fresh Idempotency-Key, as an ERP integration sends
local token = os.getenv("BENCH_TOKEN")
local lines = tonumber(os.getenv("BENCH_LINES") or "1")
local idempotency = os.getenv("BENCH_IDEMPOTENCY") == "1"
local counter = 0
local products = {}
for id in string.gmatch(os.getenv("BENCH_PRODUCTS") or "", "[^,]+") do products[#products + 1] = id end

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"

local address = '{"recipient":"Kim Minji","line1":"12 Teheran-ro","city":"Seoul","postal_code":"06234","country":"KR"}'

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + #args)
end

function request()
  local parts = {}
  local first = math.random(#products)
  for i = 1, lines do
    local product = products[((first + i - 2) % #products) + 1]
    -- 1..150 units: about a third of the lines cross the 100-unit price tier.
    parts[i] = string.format('{"product_id":"%s","quantity":%d}', product, math.random(1, 150))
  end
  local body = '{"currency":"USD","payment_terms":"prepaid","shipping_address":' .. address ..
    ',"lines":[' .. table.concat(parts, ",") .. ']}'
  local headers = nil
  if idempotency then
    counter = counter + 1
    -- wrk.format uses the table given instead of wrk.headers, not in addition to it.
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), math.random(1, 1e9), counter)
  end
  return wrk.format(nil, "/v1/buyer/orders", headers, body)
end
