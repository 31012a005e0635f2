/// Why no MRZ could be located. The description is a reason a person can act on; it becomes the `unreadable`
/// verdict's reason.
public enum LocateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The image is too small to hold two lines of 30 characters of 4 pixels.
    case imageTooSmall(width: Int, height: Int)
    /// The image is nearly one grey: `range` grey levels between its darkest and lightest percent.
    case lowContrast(range: Int)
    /// The image has contrast but no sharp edges: `edgeWidth` is the typical width of a dark-to-light edge in
    /// pixels of the working copy, where sharp print takes one or two.
    case tooBlurred(edgeWidth: Double)
    /// The image is mostly noise: `specks` connected specks of ink per thousand pixels of the working copy,
    /// where a page of print has a few.
    case tooNoisy(specks: Double)
    /// No band of two or three equal, evenly pitched text lines: `textLines` other text lines were seen.
    case noTextBand(textLines: Int)
    /// A band was found but its characters are `height` pixels high, too few to read.
    case charactersTooSmall(height: Double)

    public var description: String {
        switch self {
        case .imageTooSmall(let width, let height):
            return "no MRZ found: the image is \(width)x\(height) pixels, too small to hold one"
        case .lowContrast(let range):
            return "no MRZ found: the image has almost no contrast (\(range) grey levels between dark and light): "
                + "it is blank, or too dark, too bright or washed out"
        case .tooBlurred(let edgeWidth):
            return "no MRZ found: the image is too blurred (edges about \(Self.rounded(edgeWidth)) pixels wide); "
                + "rescan in focus"
        case .tooNoisy(let specks):
            return "no MRZ found: the image is mostly noise (\(Self.rounded(specks)) specks of ink per thousand pixels); "
                + "rescan with more light"
        case .noTextBand(let textLines):
            let seen = textLines == 0 ? "no text lines at all"
                : textLines == 1 ? "1 text line, not an MRZ" : "\(textLines) text lines, none of them an MRZ"
            return "no MRZ found: no band of 2 or 3 equal, evenly pitched text lines (\(seen))"
        case .charactersTooSmall(let height):
            return "MRZ too small to read: its characters are about \(Self.rounded(height)) pixels high "
                + "(at least 4 are needed); rescan at a higher resolution"
        }
    }

    private static func rounded(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
