/// Sizes and MRZ print positions of the five ICAO formats, in millimetres, as Doc 9303 specifies them.
///
/// - Page sizes: TD3 data page 125.0 x 88.0 (Part 4 §2), TD1 85.60 x 53.98 (Part 5 §2.1, ISO/IEC 7810 ID-1),
///   TD2 105.0 x 74.0 (Part 6 §2.1, ID-2), MRV-A 120.0 x 80.0 (Part 7 §2.1), MRV-B 105.0 x 74.0 (Part 7 §5.1).
/// - Characters: OCR-B size 1 at a fixed pitch of 2.54 mm, 10 characters per inch (Part 3 §4.4). OCR-B size I
///   capitals are about 2.4 mm tall (ISO 1073-2); the renderer scales the font to that height.
/// - First character: its left edge 6.0 ± 1.0 mm from the left edge for TD3 (Part 4 §4.2.1.3), 5.0 ± 1.0 mm for
///   TD1 (Part 5 Figure 6), 4.0 ± 1.0 mm for TD2 (Part 6 §4.2.1.3) and both visas (Part 7 §4.2.1.4).
/// - Lines: TD3 reference centre lines 15.75 and 9.40 mm above the bottom edge, 6.35 mm apart, inside an MRZ
///   23.2 ± 1.0 mm high (Part 4 Figure 3). TD2 and the visas share that MRZ height and the effective reading zone
///   (Part 3 §4.5, Part 6 Figure 6, Part 7 Figure 3), so their lines sit at the same heights. TD1 packs three
///   lines 4.23 mm apart with the middle one 11.5 ± 1.0 mm above the bottom edge (Part 5 Figure 6): 15.73, 11.50
///   and 7.27 mm.
public struct DocumentGeometry: Sendable, Equatable, Codable {
    /// Width of the page or card, in millimetres.
    public let widthMillimetres: Double
    /// Height of the page or card, in millimetres.
    public let heightMillimetres: Double
    /// Distance from the document's left edge to the left edge of the first MRZ character cell.
    public let firstCharacterLeftMillimetres: Double
    /// Height of each MRZ line's reference centre line above the bottom edge, top line first.
    public let lineCentresFromBottomMillimetres: [Double]
    /// Horizontal distance between the starts of two MRZ characters.
    public let pitchMillimetres: Double
    /// Height of an MRZ capital letter.
    public let characterHeightMillimetres: Double
    /// Characters in each MRZ line.
    public let charactersPerLine: Int
    /// Corner radius of a card (ISO/IEC 7810: 3.18 mm); 0 for a passport page or a visa label.
    public let cornerRadiusMillimetres: Double

    /// Doc 9303 Part 3 §4.4: 10 characters per 25.4 mm.
    public static let pitch = 2.54
    /// OCR-B size I capital height (ISO 1073-2), the height the renderer gives the MRZ capitals.
    public static let characterHeight = 2.4

    public static func of(_ format: MRZFormat) -> DocumentGeometry {
        let twoLines = [15.75, 9.40]
        switch format {
        case .td3:
            return DocumentGeometry(widthMillimetres: 125.0, heightMillimetres: 88.0, firstCharacterLeftMillimetres: 6.0,
                                    lineCentresFromBottomMillimetres: twoLines, pitchMillimetres: pitch,
                                    characterHeightMillimetres: characterHeight, charactersPerLine: 44,
                                    cornerRadiusMillimetres: 0)
        case .td1:
            return DocumentGeometry(widthMillimetres: 85.60, heightMillimetres: 53.98, firstCharacterLeftMillimetres: 5.0,
                                    lineCentresFromBottomMillimetres: [15.73, 11.50, 7.27], pitchMillimetres: pitch,
                                    characterHeightMillimetres: characterHeight, charactersPerLine: 30,
                                    cornerRadiusMillimetres: 3.18)
        case .td2:
            return DocumentGeometry(widthMillimetres: 105.0, heightMillimetres: 74.0, firstCharacterLeftMillimetres: 4.0,
                                    lineCentresFromBottomMillimetres: twoLines, pitchMillimetres: pitch,
                                    characterHeightMillimetres: characterHeight, charactersPerLine: 36,
                                    cornerRadiusMillimetres: 3.18)
        case .mrvA:
            return DocumentGeometry(widthMillimetres: 120.0, heightMillimetres: 80.0, firstCharacterLeftMillimetres: 4.0,
                                    lineCentresFromBottomMillimetres: twoLines, pitchMillimetres: pitch,
                                    characterHeightMillimetres: characterHeight, charactersPerLine: 44,
                                    cornerRadiusMillimetres: 0)
        case .mrvB:
            return DocumentGeometry(widthMillimetres: 105.0, heightMillimetres: 74.0, firstCharacterLeftMillimetres: 4.0,
                                    lineCentresFromBottomMillimetres: twoLines, pitchMillimetres: pitch,
                                    characterHeightMillimetres: characterHeight, charactersPerLine: 36,
                                    cornerRadiusMillimetres: 0)
        }
    }

    /// The MRZ's character cells as a rectangle in page millimetres (origin top left, y down): from the left edge
    /// of the first cell to the right edge of the last, from the top of the upper line's capitals to the bottom of
    /// the lower line's.
    public var machineReadableZone: (left: Double, top: Double, right: Double, bottom: Double) {
        let left = firstCharacterLeftMillimetres
        let right = left + Double(charactersPerLine) * pitchMillimetres
        let top = heightMillimetres - lineCentresFromBottomMillimetres.first! - characterHeightMillimetres / 2
        let bottom = heightMillimetres - lineCentresFromBottomMillimetres.last! + characterHeightMillimetres / 2
        return (left, top, right, bottom)
    }

    /// The top of Zone VII, the MRZ (Doc 9303 Part 3 §4.5: 23.2 mm above the bottom edge; TD1 23.3 mm).
    public var machineReadableZoneTopMillimetres: Double {
        heightMillimetres - (lineCentresFromBottomMillimetres.count == 3 ? 23.3 : 23.2)
    }
}
