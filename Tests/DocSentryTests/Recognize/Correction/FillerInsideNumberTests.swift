@testable import DocSentry
import Testing

@Suite struct FillerInsideNumberTests {
    @Test func aFillerWithCharactersAfterItInANumberIsADoubt() {
        let input = PassInput(.td3, [100: "L89<902C3"])
        #expect(input.changes(FillerInsideNumber()) == [bounded(103, .doubt(atMost: 0.5))])
        #expect(input.lines(after: FillerInsideNumber()) == input.lines)
    }

    @Test func fillersPaddingTheEndAreNot() {
        #expect(PassInput(.td3, [100: "L8989<<<<"]).changes(FillerInsideNumber()).isEmpty)
    }
}
