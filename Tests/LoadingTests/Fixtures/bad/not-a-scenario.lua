-- expect: does not return a scenario | return scenario {
return { name = "x" }
