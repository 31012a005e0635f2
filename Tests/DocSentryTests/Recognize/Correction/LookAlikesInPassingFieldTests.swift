@testable import DocSentry
import Testing

/// R93790586 read ROS790586: O for 9 and S for 3 shift the weighted sum by 70, and the check passes either way.
@Suite struct LookAlikesInPassingFieldTests {
    let pass = LookAlikesInPassingField(letterToDigitMargin: 0.03, minimum: 0.6)
    var number: String { "R93790586" + checkDigit("R93790586") }
    var misread: String { "ROS790586" + checkDigit("R93790586") }

    @Test func lettersWhosePrintIsTheirDigitsAreReadAsPrinted() {
        #expect(checkDigit("ROS790586") == checkDigit("R93790586"))
        let input = PassInput(.td3, [100: misread], shape: printShowing([101: "9", 102: "3"], margin: 0.04))
        #expect(input.changes(pass) == [written(101, "9", .glyphShape), written(102, "3", .glyphShape)])
        #expect(input.lines(after: pass)[1].hasPrefix(number))
    }

    /// One letter alone would break the check: a wrong set of digits passes one time in ten, so all or none.
    @Test func aChangeThatBreaksTheCheckIsNotTaken() {
        #expect(PassInput(.td3, [100: misread], shape: printShowing([101: "9"], margin: 0.04)).changes(pass).isEmpty)
    }

    @Test func aPrintThatShowsTheLettersLeavesThem() {
        #expect(PassInput(.td3, [100: misread], shape: printShowing([:])).changes(pass).isEmpty)
        #expect(PassInput(.td3, [100: misread], shape: printShowing([101: "9", 102: "3"], margin: 0.02)).changes(pass).isEmpty)
    }
}
