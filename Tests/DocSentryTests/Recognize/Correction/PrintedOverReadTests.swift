@testable import DocSentry
import Testing

/// TD1 line 1: document code (columns 0-1) and issuing State (2-4); line 3: the name. No check digit covers them.
@Suite struct PrintedOverReadTests {
    let pass = PrintedOverRead(pairs: PrintedOverRead.stockModelPairs, minimum: 0.5)

    @Test func anOWhosePrintIsADByThePairsMarginIsAD() {
        #expect(PassInput(.td1, [0: "IOBEL"], shape: printShowing([1: "D"], margin: 0.02)).changes(pass) == [written(1, "D", .glyphShape)])
        #expect(PassInput(.td1, [0: "IOBEL"], shape: printShowing([1: "D"], margin: 0.005)).changes(pass).isEmpty)
    }

    /// The MRZ model does not make this misread: with no pairs (its corrector's), the pass looks at nothing.
    @Test func withoutPairsNothingIsAsked() {
        var asked = 0
        let counting: MRZCorrector.ShapeMeasurer = { _, _, read in
            asked += 1
            return ShapeMatch(best: String(read), bestScore: 0.9, readScore: 0.9)
        }
        #expect(PassInput(.td1, [0: "IOBEL"], shape: counting).changes(PrintedOverRead(pairs: [], minimum: 0.5)).isEmpty)
        #expect(asked == 0)
    }

    /// A filler read as K by its print (ANNEKMARIE), but never a name's first character (KOWALCZYK).
    @Test func aSureKWhosePrintIsAFillerIsOneUnlessItBeginsTheName() {
        let input = PassInput(.td1, [200: "KOWALCZYK<<ANNEKMARIE"], shape: printShowing([200: "<", 215: "<"], margin: 0.1))
        #expect(input.changes(pass) == [written(215, "<", .fillerShape)])
    }

    /// Positions a check digit covers are the check's: an O in a document number stays.
    @Test func checkedPositionsAreLeftAlone() {
        #expect(PassInput(.td1, [5: "O23145890"], shape: printShowing([5: "D"], margin: 0.1)).changes(pass).isEmpty)
    }
}
