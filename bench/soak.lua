-- wrk script of the soak (bench/soak.sh): a mix of pages and API calls, each connection
-- pausing between requests so that the whole run keeps to RATE requests a second.
-- Arguments (after --): rate, connections, then the paths to cycle through.
local paths, pause_ms, n = {}, 0, 0

function init(args)
  local rate, connections = tonumber(args[1]), tonumber(args[2])
  for i = 3, #args do paths[#paths + 1] = args[i] end
  -- Each connection sends one request every connections/rate seconds (minus what answering
  -- takes, small at half capacity).
  pause_ms = rate > 0 and math.floor(1000 * connections / rate) or 0
  n = math.random(#paths)
end

function delay() return pause_ms end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
