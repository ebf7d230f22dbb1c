import Server

// `ccts-serve`: the HTTP server `ccts serve` starts (Sources/Server).
ServeCommand.main()
