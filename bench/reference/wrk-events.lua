-- wrk driver: cycles through a file of pre-signed, pre-encrypted events (one per line:
-- timestamp \t nonce \t signature \t body), each thread from its own offset, so the generator
-- only formats requests. Usage: wrk -t T -s wrk-events.lua URL -- EVENTS_FILE T
local events = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local ts, nonce, sig, body = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t(.+)")
    events[#events + 1] = wrk.format("POST", "/lark/events", {
      ["content-type"] = "application/json",
      ["x-lark-request-timestamp"] = ts,
      ["x-lark-request-nonce"] = nonce,
      ["x-lark-signature"] = sig,
    }, body)
  end
  -- Threads take interleaved events, so no event is sent twice across threads.
  step = tonumber(args[2]) or 1
  index = id + 1
end

function request()
  local r = events[index]
  index = index + step
  if index > #events then index = (index - 1) % #events + 1 end
  return r
end
