import Foundation

/// Draws a specimen with Cairo: a pale security background with guilloche lines, the header (Zone I), a
/// portrait (Zone V), labelled visual-zone fields (Zones II and III), a signature or stamp (Zone IV), and the MRZ
/// (Zone VII) in OCR-B at the size and position of Doc 9303 (see `DocumentGeometry`).
///
/// A TD1 card's MRZ is on its back (Doc 9303 Part 5 §3.1.2); a single-side TD1 image is therefore the back, and
/// the front is added when the visual zone matters. A TD2 card's MRZ is on its front (Part 6 §3.1.1).
public struct PageRenderer: Sendable {
    public let dotsPerInch: Int
    public let specimenOverprint: Bool

    public init(dotsPerInch: Int, specimenOverprint: Bool) {
        self.dotsPerInch = dotsPerInch
        self.specimenOverprint = specimenOverprint
    }

    /// A rendered specimen: the image and where its MRZ is.
    public struct RenderedPage: Sendable {
        public let image: RGBImage
        /// The MRZ character cells' box in image pixels: top left, top right, bottom right, bottom left.
        public let machineReadableZoneCorners: [[Double]]
        /// The document sides in the image, top to bottom: `data_page`, `front`, `back`.
        public let sides: [String]
    }

    /// Which side of a document is drawn.
    enum Side: String {
        case dataPage = "data_page"
        case front
        case back

        /// The side that carries the MRZ: a TD1 card's back, a TD2 card's front (Doc 9303 Part 5 §3.1, Part 6 §3.1),
        /// a passport's or visa's data page.
        static func carryingMachineReadableZone(_ format: MRZFormat) -> Side {
            switch format {
            case .td1: .back
            case .td2: .front
            default: .dataPage
            }
        }
    }

    /// Margin around the sides when two are shown, as a scanner bed around two cards.
    public static let sheetMargin = 5.0

    public func render(_ design: SpecimenDesign, bothSides: Bool, using generator: inout SplitMix64) throws(GenerateError) -> RenderedPage {
        let geometry = DocumentGeometry.of(design.format)
        let sides: [Side]
        switch design.format {
        case .td1: sides = bothSides ? [.front, .back] : [.back]
        case .td2: sides = bothSides ? [.front, .back] : [.front]
        default: sides = [.dataPage]
        }
        let machineReadableSide = Side.carryingMachineReadableZone(design.format)
        let margin = sides.count > 1 ? PageRenderer.sheetMargin : 0
        let canvasWidth = geometry.widthMillimetres + 2 * margin
        let canvasHeight = Double(sides.count) * geometry.heightMillimetres + Double(sides.count + 1) * margin
        let canvas = try CairoCanvas(widthMillimetres: canvasWidth, heightMillimetres: canvasHeight, dotsPerInch: dotsPerInch)

        // The scanner bed (or, for a single side cut to the document's edge, what shows at rounded corners).
        let bed = generator.double(in: 0.93...0.98)
        canvas.colour(Colour(red: bed, green: bed, blue: bed))
        canvas.rectangle(0, 0, canvasWidth, canvasHeight)
        canvas.fill()

        var corners: [[Double]] = []
        for (position, side) in sides.enumerated() {
            let originY = margin + Double(position) * (geometry.heightMillimetres + margin)
            canvas.save()
            canvas.translate(margin, originY)
            drawSide(side, design: design, geometry: geometry, on: canvas, using: &generator)
            canvas.restore()
            if side == machineReadableSide {
                let zone = geometry.machineReadableZone
                let scale = canvas.scale
                corners = [
                    [(margin + zone.left) * scale, (originY + zone.top) * scale],
                    [(margin + zone.right) * scale, (originY + zone.top) * scale],
                    [(margin + zone.right) * scale, (originY + zone.bottom) * scale],
                    [(margin + zone.left) * scale, (originY + zone.bottom) * scale],
                ]
            }
        }
        return RenderedPage(image: canvas.image(), machineReadableZoneCorners: corners, sides: sides.map(\.rawValue))
    }

    // MARK: - Sides

    private func drawSide(_ side: Side, design: SpecimenDesign, geometry: DocumentGeometry, on canvas: CairoCanvas,
                          using generator: inout SplitMix64) {
        let width = geometry.widthMillimetres, height = geometry.heightMillimetres
        let hue = design.content.issuer.hue + (side == .back ? 0.06 : 0)
        let carriesZone = side == Side.carryingMachineReadableZone(design.format)
        canvas.save()
        canvas.roundedRectangle(0, 0, width, height, radius: geometry.cornerRadiusMillimetres)
        canvas.clip()
        drawSecurityBackground(width: width, height: height, hue: hue, format: design.format, geometry: geometry,
                               withMachineReadableZone: carriesZone, on: canvas, using: &generator)
        switch side {
        case .dataPage, .front:
            drawHeader(design, width: width, hue: hue, on: canvas)
            let portrait = PageRenderer.portraitRectangle(design.format)
            drawPortrait(x: portrait.0, y: portrait.1, width: portrait.2, height: portrait.3, hue: hue, on: canvas, using: &generator)
            drawFields(PageRenderer.frontRows(design), design: design, hue: hue, on: canvas, using: &generator)
            if design.format.isVisa {
                drawStamp(design, x: width - 17, y: geometry.machineReadableZoneTopMillimetres - 13, hue: hue, on: canvas, using: &generator)
            }
        case .back:
            drawBackHeader(design, width: width, hue: hue, on: canvas)
            drawFields(PageRenderer.backRows(design), design: design, hue: hue, on: canvas, using: &generator)
        }
        if specimenOverprint {
            drawOverprint(width: width, height: carriesZone ? geometry.machineReadableZoneTopMillimetres : height, on: canvas)
        }
        if carriesZone {
            drawMachineReadableZone(design, geometry: geometry, on: canvas)
        }
        canvas.restore()
        // A thin edge, as a scan shows the document's border.
        canvas.colour(Colour(hue: hue, saturation: 0.2, value: 0.7), alpha: 0.6)
        canvas.lineWidth(0.12)
        canvas.roundedRectangle(0.06, 0.06, width - 0.12, height - 0.12, radius: geometry.cornerRadiusMillimetres)
        canvas.stroke()
    }

    /// Pale tinted paper, two families of interleaved wave lines, a rosette, a line of microtext, and a lighter
    /// band for the MRZ (background print is allowed in the MRZ if it does not hinder reading: Doc 9303 Part 3 §4.5).
    private func drawSecurityBackground(width: Double, height: Double, hue: Double, format: MRZFormat,
                                        geometry: DocumentGeometry, withMachineReadableZone: Bool,
                                        on canvas: CairoCanvas, using generator: inout SplitMix64) {
        canvas.rectangle(0, 0, width, height)
        canvas.fillLinearGradient(from: (0, 0), to: (width, height),
                                  Colour(hue: hue, saturation: generator.double(in: 0.08...0.13), value: 0.97),
                                  Colour(hue: hue + 0.08, saturation: generator.double(in: 0.10...0.16), value: 0.94))
        for family in 0..<2 {
            let spacing = generator.double(in: 1.9...2.6)
            let amplitude = generator.double(in: 1.5...3.5), wavelength = generator.double(in: 16...34)
            let ripple = generator.double(in: 0.3...1.0), rippleLength = generator.double(in: 4...8)
            let phase = generator.double(in: 0...(2 * Double.pi)), drift = generator.double(in: 0.08...0.25)
            canvas.colour(Colour(hue: hue + Double(family) * 0.12, saturation: 0.55, value: 0.72), alpha: 0.30)
            canvas.lineWidth(0.085)
            let count = Int(height / spacing) + 6
            for index in 0..<count {
                let base = -3 * spacing + Double(index) * spacing
                var x = 0.0
                canvas.move(0, base + amplitude * sin(phase + Double(index) * drift))
                while x <= width {
                    x += 0.45
                    let y = base + amplitude * sin(2 * Double.pi * x / wavelength + phase + Double(index) * drift
                                                   + Double(family) * Double.pi)
                        + ripple * sin(2 * Double.pi * x / rippleLength + Double(index))
                    canvas.line(x, y)
                }
            }
            canvas.stroke()
        }
        // A rosette (hypotrochoid) in the visual zone.
        let outer = Double(generator.integer(in: 9...15)), inner = Double(generator.integer(in: 3...7))
        let offset = inner * generator.double(in: 0.8...1.5)
        let size = min(width, height) * generator.double(in: 0.012...0.018)
        let centreX = width * generator.double(in: 0.55...0.75), centreY = height * generator.double(in: 0.35...0.5)
        canvas.colour(Colour(hue: hue + 0.5, saturation: 0.45, value: 0.7), alpha: 0.22)
        canvas.lineWidth(0.08)
        let turns = inner  // the curve closes after `inner` turns when the radii are integers
        let steps = Int(turns * 260)
        for step in 0...steps {
            let t = Double(step) / Double(steps) * 2 * Double.pi * turns
            let x = (outer - inner) * cos(t) + offset * cos((outer - inner) / inner * t)
            let y = (outer - inner) * sin(t) - offset * sin((outer - inner) / inner * t)
            if step == 0 { canvas.move(centreX + x * size, centreY + y * size) } else { canvas.line(centreX + x * size, centreY + y * size) }
        }
        canvas.stroke()
        if withMachineReadableZone {
            let top = geometry.machineReadableZoneTopMillimetres
            canvas.rectangle(0, top, width, height - top)
            canvas.colour(.white, alpha: 0.55)
            canvas.fill()
        }
    }

    private func drawHeader(_ design: SpecimenDesign, width: Double, hue: Double, on canvas: CairoCanvas) {
        let zone = design.visualZone
        let large = design.format == .td1 ? 2.5 : (design.format == .td3 ? 3.6 : 3.1)
        let baseline = design.format == .td1 ? 4.6 : 6.4
        canvas.colour(Colour(hue: hue, saturation: 0.75, value: 0.35))
        canvas.fittedText(zone.issuingStateName, x: design.format == .td1 ? 3 : 5, y: baseline, family: "DejaVu Serif",
                          size: large, bold: true, maximumWidth: width * 0.55)
        let title: String
        switch zone.documentTitle {
        case "PASSPORT": title = "PASSPORT / PASSEPORT"
        case "IDENTITY CARD": title = "IDENTITY CARD / CARTE D'IDENTITÉ"
        case "VISA": title = "VISA"
        default: title = zone.documentTitle
        }
        canvas.font("DejaVu Sans", size: zone.documentTitle == "VISA" ? large * 1.4 : large * 0.72, bold: true)
        let advance = canvas.extents(title).x_advance
        canvas.text(title, x: width - advance - (design.format == .td1 ? 3 : 5), y: baseline)
        // A rule under the header and a line of microtext: the issuer's name repeated, 0.7 mm high.
        let ruleY = baseline + (design.format == .td1 ? 2.0 : 2.8)
        canvas.lineWidth(0.2)
        canvas.move(2, ruleY)
        canvas.line(width - 2, ruleY)
        canvas.stroke()
        canvas.colour(Colour(hue: hue, saturation: 0.6, value: 0.45), alpha: 0.8)
        canvas.font("DejaVu Sans", size: 0.75)
        let micro = String(repeating: zone.issuingStateName.replacingOccurrences(of: " ", with: "") + " ", count: 12)
        canvas.text(micro, x: 2, y: ruleY + 0.95)
    }

    private func drawBackHeader(_ design: SpecimenDesign, width: Double, hue: Double, on canvas: CairoCanvas) {
        canvas.colour(Colour(hue: hue, saturation: 0.6, value: 0.4), alpha: 0.9)
        canvas.font("DejaVu Sans", size: 0.75)
        let micro = String(repeating: design.visualZone.issuingStateName.replacingOccurrences(of: " ", with: "") + " ", count: 10)
        canvas.text(micro, x: 2, y: 2.6)
    }

    /// Zone V (Doc 9303 Parts 4-7 §3: the portrait along the left edge).
    static func portraitRectangle(_ format: MRZFormat) -> (Double, Double, Double, Double) {
        switch format {
        case .td3: (5, 14, 33, 43)
        case .td1: (3, 10.5, 22, 29)
        case .td2: (4, 12.5, 27, 35)
        case .mrvA: (4, 13, 30, 38)
        case .mrvB: (4, 12.5, 27, 35)
        }
    }

    /// A greyscale head-and-shoulders silhouette on a pale ground: a stand-in for the holder's photograph.
    private func drawPortrait(x: Double, y: Double, width: Double, height: Double, hue: Double, on canvas: CairoCanvas,
                              using generator: inout SplitMix64) {
        canvas.save()
        canvas.rectangle(x, y, width, height)
        canvas.clip()
        canvas.rectangle(x, y, width, height)
        let ground = generator.double(in: 0.82...0.92)
        canvas.fillLinearGradient(from: (x, y), to: (x, y + height),
                                  Colour(hue: hue + 0.5, saturation: 0.06, value: ground),
                                  Colour(hue: hue + 0.5, saturation: 0.1, value: ground - 0.1))
        let skin = generator.double(in: 0.45...0.78)
        let hair = generator.double(in: 0.08...0.45)
        let clothes = generator.double(in: 0.15...0.5)
        let centreX = x + width * generator.double(in: 0.47...0.53)
        let headWidth = width * generator.double(in: 0.26...0.32), headHeight = height * generator.double(in: 0.27...0.32)
        let headY = y + height * 0.40
        // Shoulders.
        canvas.colour(Colour(red: clothes, green: clothes, blue: clothes * 1.08))
        canvas.ellipse(centreX: centreX, centreY: y + height * 1.02, radiusX: width * 0.52, radiusY: height * 0.3)
        canvas.fill()
        // Neck.
        canvas.colour(Colour(red: skin * 0.92, green: skin * 0.86, blue: skin * 0.8))
        canvas.rectangle(centreX - headWidth * 0.32, headY + headHeight * 0.6, headWidth * 0.64, height * 0.16)
        canvas.fill()
        // Hair behind the head, then the face.
        canvas.colour(Colour(red: hair, green: hair * 0.95, blue: hair * 0.9))
        canvas.ellipse(centreX: centreX, centreY: headY - headHeight * 0.12, radiusX: headWidth * 1.08,
                       radiusY: headHeight * generator.double(in: 0.95...1.15))
        canvas.fill()
        canvas.colour(Colour(red: skin, green: skin * 0.93, blue: skin * 0.86))
        canvas.ellipse(centreX: centreX, centreY: headY + headHeight * 0.05, radiusX: headWidth * 0.86, radiusY: headHeight)
        canvas.fill()
        // Eyes, nose and mouth, faintly.
        canvas.colour(Colour(red: skin * 0.4, green: skin * 0.38, blue: skin * 0.36), alpha: 0.8)
        for side in [-1.0, 1.0] {
            canvas.ellipse(centreX: centreX + side * headWidth * 0.33, centreY: headY - headHeight * 0.02,
                           radiusX: headWidth * 0.1, radiusY: headHeight * 0.05)
            canvas.fill()
        }
        canvas.lineWidth(0.25)
        canvas.move(centreX, headY + headHeight * 0.05)
        canvas.line(centreX - headWidth * 0.05, headY + headHeight * 0.32)
        canvas.stroke()
        canvas.move(centreX - headWidth * 0.25, headY + headHeight * 0.55)
        canvas.curve(centreX - headWidth * 0.1, headY + headHeight * 0.62, centreX + headWidth * 0.1,
                     headY + headHeight * 0.62, centreX + headWidth * 0.25, headY + headHeight * 0.55)
        canvas.stroke()
        canvas.restore()
    }

    /// One labelled field: its label, its value and its width in millimetres.
    struct FieldCell {
        let label: String
        let value: String
        let width: Double
        /// Draw a signature instead of text.
        var isSignature = false
    }

    /// A block of field rows: where it starts, the row pitch and the type sizes.
    struct FieldBlock {
        let x: Double
        let y: Double
        let rowPitch: Double
        let labelSize: Double
        let valueSize: Double
        let rows: [[FieldCell]]
    }

    /// The visual zone of the page or front side, in the order of Doc 9303 Parts 4-7 §4.1.1 (Zone III above Zone
    /// II on visas: Part 7 §3.1 note 2).
    static func frontRows(_ design: SpecimenDesign) -> FieldBlock {
        let zone = design.visualZone
        switch design.format {
        case .td3:
            return FieldBlock(x: 42, y: 13.2, rowPitch: 7.05, labelSize: 1.55, valueSize: 2.75, rows: [
                [FieldCell(label: "Type / Type", value: zone.documentCode, width: 14),
                 FieldCell(label: "Code / Code", value: zone.issuingStateCode, width: 22),
                 FieldCell(label: "Passport No. / N° du passeport", value: zone.documentNumber, width: 44)],
                [FieldCell(label: "Surname / Nom", value: zone.surname, width: 80)],
                [FieldCell(label: "Given names / Prénoms", value: zone.givenNames, width: 80)],
                [FieldCell(label: "Nationality / Nationalité", value: zone.nationality, width: 36),
                 FieldCell(label: "Personal No. / N° personnel", value: zone.personalNumber ?? "", width: 44)],
                [FieldCell(label: "Date of birth / Date de naissance", value: zone.dateOfBirth, width: 36),
                 FieldCell(label: "Sex / Sexe", value: zone.sex, width: 12),
                 FieldCell(label: "Place of birth / Lieu de naissance", value: zone.placeOfBirth ?? "", width: 32)],
                [FieldCell(label: "Date of issue / Date de délivrance", value: zone.dateOfIssue ?? "", width: 36),
                 FieldCell(label: "Authority / Autorité", value: zone.authority ?? "", width: 44)],
                [FieldCell(label: "Date of expiry / Date d'expiration", value: zone.dateOfExpiry ?? "", width: 36),
                 FieldCell(label: "Holder's signature / Signature du titulaire", value: "", width: 44, isSignature: true)],
            ])
        case .td1:
            return FieldBlock(x: 28, y: 10.2, rowPitch: 7.9, labelSize: 1.15, valueSize: 2.1, rows: [
                [FieldCell(label: "Surname / Nom", value: zone.surname, width: 55)],
                [FieldCell(label: "Given names / Prénoms", value: zone.givenNames, width: 55)],
                [FieldCell(label: "Sex / Sexe", value: zone.sex, width: 10),
                 FieldCell(label: "Nationality", value: zone.nationality, width: 16),
                 FieldCell(label: "Date of birth", value: zone.dateOfBirth, width: 29)],
                [FieldCell(label: "Document No.", value: zone.documentNumber, width: 28),
                 FieldCell(label: "Date of expiry", value: zone.dateOfExpiry ?? "", width: 27)],
                [FieldCell(label: "Signature", value: "", width: 40, isSignature: true)],
            ])
        case .td2:
            return FieldBlock(x: 35, y: 11.8, rowPitch: 7.4, labelSize: 1.25, valueSize: 2.3, rows: [
                [FieldCell(label: "Surname / Nom", value: zone.surname, width: 67)],
                [FieldCell(label: "Given names / Prénoms", value: zone.givenNames, width: 67)],
                [FieldCell(label: "Sex / Sexe", value: zone.sex, width: 12),
                 FieldCell(label: "Nationality / Nationalité", value: zone.nationality, width: 22),
                 FieldCell(label: "Date of birth / Date de naissance", value: zone.dateOfBirth, width: 33)],
                [FieldCell(label: "Place of birth / Lieu de naissance", value: zone.placeOfBirth ?? "", width: 34),
                 FieldCell(label: "Signature", value: "", width: 33, isSignature: true)],
                [FieldCell(label: "Document No. / N° du document", value: zone.documentNumber, width: 34),
                 FieldCell(label: "Date of expiry / Date d'expiration", value: zone.dateOfExpiry ?? "", width: 33)],
            ])
        case .mrvA, .mrvB:
            let wide = design.format == .mrvA
            let total = wide ? 79.0 : 67.0
            return FieldBlock(x: wide ? 38 : 35, y: wide ? 13 : 12, rowPitch: wide ? 8.0 : 7.3,
                              labelSize: wide ? 1.4 : 1.25, valueSize: wide ? 2.5 : 2.3, rows: [
                [FieldCell(label: "Place of issue", value: zone.placeOfIssue ?? "", width: total * 0.38),
                 FieldCell(label: "Valid from", value: zone.validFrom ?? "", width: total * 0.31),
                 FieldCell(label: "Valid until", value: zone.validUntil ?? "", width: total * 0.31)],
                [FieldCell(label: "Entries", value: zone.numberOfEntries ?? "", width: total * 0.2),
                 FieldCell(label: "Type of visa", value: zone.visaType ?? "", width: total * 0.45),
                 FieldCell(label: "Visa No.", value: zone.documentNumber, width: total * 0.35)],
                [FieldCell(label: "Surname", value: zone.surname, width: total)],
                [FieldCell(label: "Given names", value: zone.givenNames, width: total)],
                [FieldCell(label: "Date of birth", value: zone.dateOfBirth, width: total * 0.38),
                 FieldCell(label: "Sex", value: zone.sex, width: total * 0.14),
                 FieldCell(label: "Nationality", value: zone.nationality, width: total * 0.48)],
            ])
        }
    }

    /// Zone VI on the back of a card (Doc 9303 Parts 5-6 §3.2.2: data at the issuer's discretion).
    static func backRows(_ design: SpecimenDesign) -> FieldBlock {
        let zone = design.visualZone
        let total = design.format == .td1 ? 78.0 : 96.0
        var rows: [[FieldCell]] = [
            [FieldCell(label: "Place of birth / Lieu de naissance", value: zone.placeOfBirth ?? "", width: total * 0.5),
             FieldCell(label: "Date of issue / Date de délivrance", value: zone.dateOfIssue ?? "", width: total * 0.5)],
            [FieldCell(label: "Authority / Autorité", value: zone.authority ?? "", width: total)],
        ]
        if design.format == .td2 {
            rows.append([FieldCell(label: "Remarks / Observations", value: "NONE", width: total)])
        }
        return FieldBlock(x: design.format == .td1 ? 4 : 5, y: 4.5, rowPitch: 7.2, labelSize: 1.2, valueSize: 2.2, rows: rows)
    }

    private func drawFields(_ block: FieldBlock, design: SpecimenDesign, hue: Double, on canvas: CairoCanvas,
                            using generator: inout SplitMix64) {
        let labelColour = Colour(hue: hue, saturation: 0.55, value: 0.38)
        for (rowIndex, row) in block.rows.enumerated() {
            var x = block.x
            let top = block.y + Double(rowIndex) * block.rowPitch
            for cell in row {
                canvas.colour(labelColour)
                canvas.fittedText(cell.label, x: x, y: top + block.labelSize, family: "DejaVu Sans", size: block.labelSize,
                                  bold: false, maximumWidth: cell.width - 1)
                if cell.isSignature {
                    drawSignature(x: x + 1, y: top + block.labelSize + 0.8, width: min(cell.width - 4, 30),
                                  height: block.rowPitch - block.labelSize - 1.2, on: canvas, using: &generator)
                } else {
                    canvas.colour(Colour(red: 0.08, green: 0.08, blue: 0.12))
                    canvas.fittedText(cell.value, x: x, y: top + block.labelSize + 0.7 + block.valueSize * 0.78,
                                      family: "DejaVu Sans", size: block.valueSize, bold: true, maximumWidth: cell.width - 1.5)
                }
                x += cell.width
            }
        }
    }

    /// A handwritten-looking scribble (Zone IV).
    private func drawSignature(x: Double, y: Double, width: Double, height: Double, on canvas: CairoCanvas,
                               using generator: inout SplitMix64) {
        canvas.colour(Colour(red: 0.1, green: 0.12, blue: 0.35), alpha: 0.9)
        canvas.lineWidth(0.22)
        var currentX = x
        let middle = y + height * 0.55
        canvas.move(currentX, middle)
        let strokes = generator.integer(in: 5...9)
        for _ in 0..<strokes {
            let step = width / Double(strokes)
            let nextX = currentX + step
            canvas.curve(currentX + step * 0.3, middle - height * generator.double(in: 0.2...0.6),
                         currentX + step * 0.7, middle + height * generator.double(in: 0.1...0.45),
                         nextX, middle + generator.double(in: -0.2...0.2) * height)
            currentX = nextX
        }
        canvas.stroke()
    }

    /// An issuing officer's round stamp overlapping the visa's visual zone (Doc 9303 Part 7 §3.1 note 1).
    private func drawStamp(_ design: SpecimenDesign, x: Double, y: Double, hue: Double, on canvas: CairoCanvas,
                           using generator: inout SplitMix64) {
        let radius = generator.double(in: 6.5...8)
        canvas.colour(Colour(red: 0.35, green: 0.2, blue: 0.55), alpha: 0.45)
        canvas.lineWidth(0.35)
        canvas.newPath()
        canvas.arc(centreX: x, centreY: y, radius: radius, from: 0, to: 2 * Double.pi)
        canvas.stroke()
        canvas.newPath()
        canvas.arc(centreX: x, centreY: y, radius: radius * 0.72, from: 0, to: 2 * Double.pi)
        canvas.stroke()
        canvas.font("DejaVu Sans", size: 1.4, bold: true)
        let code = design.visualZone.issuingStateCode
        let advance = canvas.extents(code).x_advance
        canvas.text(code, x: x - advance / 2, y: y + 0.5)
    }

    /// `SPECIMEN` across the visual zone, as issuers mark sample documents.
    private func drawOverprint(width: Double, height: Double, on canvas: CairoCanvas) {
        canvas.save()
        canvas.rectangle(0, 0, width, height)
        canvas.clip()
        canvas.translate(width / 2, height / 2)
        canvas.rotate(-0.32)
        let size = width / 6.2
        canvas.font("DejaVu Sans", size: size, bold: true)
        let advance = canvas.extents("SPECIMEN").x_advance
        canvas.colour(Colour(red: 0.85, green: 0.1, blue: 0.12), alpha: 0.32)
        canvas.text("SPECIMEN", x: -advance / 2, y: size * 0.35)
        canvas.restore()
    }

    /// Zone VII: every character in OCR-B, capital height 2.4 mm, on its 2.54 mm cell, lines on their reference
    /// centre lines (Doc 9303 Part 3 §4.4; Parts 4-7 §4.2.1). A pasted character is drawn as its anomaly says.
    private func drawMachineReadableZone(_ design: SpecimenDesign, geometry: DocumentGeometry, on canvas: CairoCanvas) {
        let family = "OCR B"
        let size = canvas.sizeForCapitalHeight(geometry.characterHeightMillimetres, family: family)
        let millimetresPerPixel = 25.4 / Double(dotsPerInch)
        for (lineIndex, line) in design.lines.enumerated() {
            let centre = geometry.heightMillimetres - geometry.lineCentresFromBottomMillimetres[lineIndex]
            let baseline = centre + geometry.characterHeightMillimetres / 2
            for (column, character) in line.enumerated() {
                let cellCentre = geometry.firstCharacterLeftMillimetres + (Double(column) + 0.5) * geometry.pitchMillimetres
                var glyphFamily = family
                var glyphSize = size
                var glyphBaseline = baseline
                if let anomaly = design.printAnomalies.first(where: { $0.line == lineIndex && $0.column == column }) {
                    switch anomaly.style {
                    case let .scaled(factor): glyphSize = size * factor
                    case let .baselineShift(pixels): glyphBaseline += pixels * millimetresPerPixel
                    case let .typeface(name):
                        glyphFamily = name
                        glyphSize = canvas.sizeForCapitalHeight(geometry.characterHeightMillimetres, family: name)
                    }
                }
                canvas.font(glyphFamily, size: glyphSize)
                canvas.colour(.ink)
                let text = String(character)
                let advance = canvas.extents(text).x_advance
                canvas.text(text, x: cellCentre - advance / 2, y: glyphBaseline)
            }
        }
    }
}
