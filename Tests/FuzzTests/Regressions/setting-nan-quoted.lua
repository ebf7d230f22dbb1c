-- target: setting
fuels.coal_imported.ncv=nan