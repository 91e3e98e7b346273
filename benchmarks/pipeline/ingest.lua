-- wrk script: POSTs MLRun-format tracking events (DESIGN.md §3) to Driftwatch's ingest route.
-- Environment: DW_PROJECT (default "bench"), DW_ROWS (rows per event: 1 = single event, 100 = batch; default 1),
-- DW_FEATURES (default 20), DW_ENDPOINTS (function_uri bench/fn0..n-1 spread over requests; default 1).
-- Feature values are pre-formatted once per thread (deterministic seed); each request gets a unique request id
-- (thread number * 1e9 + counter) and the body is assembled from pre-built pieces, so wrk's own cost stays small.
local project = os.getenv("DW_PROJECT") or "bench"
local rows = tonumber(os.getenv("DW_ROWS") or "1")
local features = tonumber(os.getenv("DW_FEATURES") or "20")
local endpoints = tonumber(os.getenv("DW_ENDPOINTS") or "1")

local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local prefixes, middle, suffix

function init(args)
  math.randomseed(42 + tid)
  local when = os.date("!%Y-%m-%dT%H:%M:%S.000000+00:00")
  local inputs, outputs = {}, {}
  for r = 1, rows do
    local row = {}
    for f = 1, features do
      row[f] = string.format("%.4f", (math.random() + math.random() + math.random() - 1.5) * 2 + f)
    end
    inputs[r] = "[" .. table.concat(row, ",") .. "]"
    outputs[r] = tostring(math.random(0, 1))
  end
  prefixes = {}
  for e = 0, endpoints - 1 do
    prefixes[e] = '{"class":"SKLearnModel","worker":"0","model":"m","host":"bench","function_uri":"' .. project
        .. '/fn' .. e .. '","op":"infer","when":"' .. when .. '","microsec":1500,"request":{"id":"r'
  end
  middle = '","inputs":[' .. table.concat(inputs, ",") .. ']},"resp":{"id":"r'
  suffix = '","model_name":"m","outputs":[' .. table.concat(outputs, ",") .. ']}}'
  wrk.method = "POST"
  wrk.path = "/api/v1/projects/" .. project .. "/model-monitoring/stream"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local id = tostring(tid * 1000000000 + counter)
  local e = counter % endpoints
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefixes[e] .. id .. middle .. id .. suffix)
end

function done(summary, latency, requests)
  io.write(string.format("DW_RESULT requests=%d duration_us=%d errors_status=%d errors_connect=%d "
      .. "errors_read=%d errors_write=%d errors_timeout=%d p50_ms=%.2f p99_ms=%.2f mean_ms=%.2f\n",
      summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
      summary.errors.write, summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.mean / 1000))
end
