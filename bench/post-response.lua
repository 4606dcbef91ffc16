-- wrk script: POSTs a distinct, valid response each request and prints one machine-readable line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
-- Each wrk process (and thread) draws its own ids: Lua's generator starts from the same seed every time,
-- and a repeated responseId is, rightly, counted once.
init = function(args)
  local f = io.open("/dev/urandom", "rb")
  local b = f:read(4)
  f:close()
  math.randomseed(((b:byte(1) * 256 + b:byte(2)) * 256 + b:byte(3)) * 256 + b:byte(4))
end
request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", math.random(0, 0x7fffffff), tid or 0, counter)
  return wrk.format(nil, nil, nil,
    '{"responseId":"' .. id .. '","channel":"bench","concerns":["narkotika","trafik"],' ..
    '"priorities":["narkotika","trafik","inbrott"],"safety":2,"area":"centrum","ageGroup":"25-44","gender":"kvinna"}')
end
dofile("bench/report.lua")

