-- expect: endless-loop.lua | instruction budget
while true do end
