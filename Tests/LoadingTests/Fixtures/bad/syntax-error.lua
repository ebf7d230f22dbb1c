-- expect: syntax-error.lua:4: | near
return scenario {
  name = "fixture",
  entity = { registration = "T-1" sector = "cement" },
}
