-- wrk script of bench/load.py. Four kinds of request:
--   TOKENS_FILE set (one access token per line): GET, each request with the next token as a bearer token, so the
--     load spreads over every session;
--   TOKENS_FILE and INTROSPECT_BEARER_FILE set (a file holding a named token of group introspect): POST an RFC 7662
--     introspection of the next token, as that caller;
--   LOGIN_USER and LOGIN_PASSWORD set: POST a JSON login (login throughput);
--   neither: GET without a token.
-- done() prints one JSON line that load.py reads: requests, duration, latency percentiles, failures.

local tokens = {}
local prepared = {}
local next_index = 0
local thread_count = 0

-- Runs in the main script: numbers the threads, so that each starts at another place in the token list.
function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

-- Every request is formatted here, once: request() then only hands the next one over, so that wrk spends as
-- little CPU on a request with a 700-byte token as on one without (wrk shares the machine's cores with the server).
function init(args)
  local path = os.getenv("TOKENS_FILE")
  if path ~= nil and path ~= "" then
    for line in io.lines(path) do
      if #line > 0 then
        tokens[#tokens + 1] = line
      end
    end
  end
  local introspector = nil
  local bearer_file = os.getenv("INTROSPECT_BEARER_FILE")
  if bearer_file ~= nil and bearer_file ~= "" then
    for line in io.lines(bearer_file) do
      if #line > 0 then
        introspector = line
      end
    end
  end
  local user = os.getenv("LOGIN_USER")
  if user ~= nil and user ~= "" then
    prepared[1] = wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
      string.format('{"username":"%s","password":"%s","device_name":"wrk"}', user, os.getenv("LOGIN_PASSWORD")))
  elseif #tokens == 0 then
    prepared[1] = wrk.format("GET")
  else
    for i, token in ipairs(tokens) do
      if introspector ~= nil then
        prepared[i] = wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. introspector,
          ["Content-Type"] = "application/x-www-form-urlencoded" }, "token=" .. token)
      else
        prepared[i] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
      end
    end
  end
  next_index = (thread_number * 7919) % #prepared
end

function request()
  next_index = (next_index + 1) % #prepared
  return prepared[next_index + 1]
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
