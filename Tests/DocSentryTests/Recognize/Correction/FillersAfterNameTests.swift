@testable import DocSentry
import Testing

/// TD3 line 1: the name from column 5.
@Suite struct FillersAfterNameTests {
    @Test func whatFollowsTheNamesFirstThreeFillersIsFiller() {
        #expect(PassInput(.td3, [5: "ANNA<<<XKE"]).changes(FillersAfterName())
                == [written(12, "<", .fillerPosition), written(13, "<", .fillerPosition), written(14, "<", .fillerPosition)])
    }

    /// Three fillers a correction made prove nothing: the run must be the engine's.
    @Test func theRunMustBeAsTheEngineReadIt() {
        var input = PassInput(.td3, [5: "ANNA<<<XKE"])
        input.engineRead = PassInput(.td3, [5: "ANNA<K<XKE"]).grid.cells
        #expect(input.changes(FillersAfterName()).isEmpty)
    }
}
