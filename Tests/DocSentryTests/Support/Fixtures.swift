import DocSentry
import Foundation

/// Paths and shared fixtures for the tests.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var rulesDirectory: String { root + "/Rules" }
    static var testImages: String { root + "/TestImages" }

    /// The bundled rules, loaded once.
    static let ruleSet: RuleSet = {
        do {
            return try RuleSet.load(directory: root + "/Rules")
        } catch {
            fatalError("bundled rules do not load: \(error)")
        }
    }()

    static func inspector(_ date: String = "2011-01-01", mode: Mode = .checkpoint) -> Inspector {
        Inspector(ruleSet: ruleSet, mode: mode, referenceDate: CalendarDate(iso: date)!)
    }
}

/// ICAO Doc 9303 specimen MRZs and other published vectors (domain notes §3.12), all check digits valid.
enum Vectors {
    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    static let td3New = ["P<UTOIVANOVA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F2504155184226<<<<<<<<18"]
    static let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    static let td2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
    static let mrvA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX7408122F96121096ZE184226B<<<<<<"]
    static let mrvB = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX7408122F9612109<<<<<<<<"]
    static let td1Long = ["IDUTO123456789<07<<<<<<<<<<<<<", "8601012M3001019UTO<<<<<<<<<<<6", "SPECIMEN<<TEST<<<<<<<<<<<<<<<<"]
    static let td1Austria = ["IDAUT10000999<6<<<<<<<<<<<<<<<", "7109094F1112315AUT<<<<<<<<<<<4", "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<"]
    static let td3Czech = ["P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<", "99003853<1CZE1101018M1207046110101111<<<<<94"]
    static let mrvBFrance = ["VCFRASPECIMEN<<SPECIMEN<<<<<<<<<<<<<", "F000000005UTO0311063M1401143<M300703"]

    static func document(_ lines: [String]) -> MRZDocument {
        MRZParser.parse(try! MRZText(lines: lines))
    }
}
