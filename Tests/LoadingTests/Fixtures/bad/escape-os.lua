-- expect: escape-os.lua:7: | unknown name 'os'
return scenario {
  name = "fixture",
  entity = { registration = "T-1", sector = "cement", subsector = "integrated", targets = { ["2025-26"] = 0.75 } },
  years = {
    ["2025-26"] = {
      fuels = { os.execute("touch /tmp/ccts-escape-fixture") },
      process = { { "limestone", 5000, "t", purity = 0.9 } },
      products = { { "opc", 10000, "t" } },
      
    },
  },
}
