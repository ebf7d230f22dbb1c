/// Emissions of one fuel line.
public struct FuelEmission: Sendable {
    public var fuel: String
    public var path: String
    /// Energy content, TJ.
    public var energyTJ: Double
    /// Fossil CO2, t.
    public var co2: Double
    /// CH4 as CO2e, t.
    public var ch4: Double
    /// N2O as CO2e, t.
    public var n2o: Double
    public var total: Double { co2 + ch4 + n2o }

    public init(fuel: String, path: String, energyTJ: Double, co2: Double, ch4: Double, n2o: Double) {
        self.fuel = fuel
        self.path = path
        self.energyTJ = energyTJ
        self.co2 = co2
        self.ch4 = ch4
        self.n2o = n2o
    }
}

/// Emissions of one process material line, tCO2.
public struct ProcessEmission: Sendable {
    public var material: String
    public var path: String
    public var co2: Double

    public init(material: String, path: String, co2: Double) {
        self.material = material
        self.path = path
        self.co2 = co2
    }
}

/// Fugitive emissions of one refrigerant line, tCO2e.
public struct FugitiveEmission: Sendable {
    public var refrigerant: String
    public var path: String
    public var co2e: Double

    public init(refrigerant: String, path: String, co2e: Double) {
        self.refrigerant = refrigerant
        self.path = path
        self.co2e = co2e
    }
}

/// A year's emissions, gate to gate, by source, in tCO2e.
///
/// `total = direct (combustion + process + fugitive) + indirect (electricity + heat) − deductions`.
public struct EmissionsBreakdown: Sendable {
    public init() {}
    public var fuels: [FuelEmission] = []
    public var process: [ProcessEmission] = []
    public var fugitive: [FugitiveEmission] = []
    public var electricity = 0.0
    public var heat = 0.0
    public var exportedElectricity = 0.0
    public var exportedHeat = 0.0
    public var captured = 0.0

    public var combustion: Double { fuels.reduce(0) { $0 + $1.total } }
    public var processTotal: Double { process.reduce(0) { $0 + $1.co2 } }
    public var fugitiveTotal: Double { fugitive.reduce(0) { $0 + $1.co2e } }
    public var direct: Double { combustion + processTotal + fugitiveTotal }
    public var indirect: Double { electricity + heat }
    public var deductions: Double { exportedElectricity + exportedHeat + captured }
    public var total: Double { direct + indirect - deductions }
}
