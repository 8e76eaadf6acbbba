-- wrk script: POST the body file named by $ASCRIBE_BENCH_BODY to /api/analyze as JSON.
local f = assert(io.open(os.getenv("ASCRIBE_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx responses seen by the script thread: %d\n", non200))
end
