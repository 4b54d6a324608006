-- wrk script of bench/cache.py: GET with a bearer token drawn from TOKENS_FILE (one access token per line, the
-- most active session first) by a Zipf law of exponent ZIPF_S (default 1): the session of rank r is used in
-- proportion to 1 / r^s, so most requests come from the most active sessions and a long tail is seen rarely.
-- done() prints one JSON line that cache.py reads, as bench/wrk/load.lua does.

local tokens = {}
local cumulative = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if #line > 0 then
      tokens[#tokens + 1] = line
    end
  end
  local s = tonumber(os.getenv("ZIPF_S") or "1")
  local total = 0
  for rank = 1, #tokens do
    total = total + 1 / (rank ^ s)
    cumulative[rank] = total
  end
  for rank = 1, #tokens do
    cumulative[rank] = cumulative[rank] / total
  end
  math.randomseed(os.time() + (thread_number or 0) * 7919)
end

-- The rank whose cumulative share first reaches u (binary search).
local function draw()
  local u = math.random()
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < u then
      low = middle + 1
    else
      high = middle
    end
  end
  return low
end

-- Each rank's request is formatted the first time it is drawn, then reused: wrk spends about as little CPU per
-- request as with bench/wrk/load.lua, which formats all of its requests up front.
local prepared = {}

function request()
  local rank = draw()
  local ready = prepared[rank]
  if ready == nil then
    ready = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[rank] })
    prepared[rank] = ready
  end
  return ready
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,'
      .. '"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
