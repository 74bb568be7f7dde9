# ruff: noqa: E501  (one product per line reads better than wrapped tuples)
"""Write demo-2026.json, the demo price list of a Hungarian office & IT supplier.

Run from the repository root:  .venv/bin/python resources/pricelists/generate_demo.py

Prices are net EUR. VAT follows Hungarian rates: 27 % standard, 18 % for bakery and
dairy snacks, 5 % for books and milk, 0 % for services supplied to customers outside
the EU (place of supply abroad). The output is deterministic, so re-running it only
changes the file when this script changes.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("demo-2026.json")

STD, R18, R5, EXPORT = "27", "18", "5", "0"

# (sku, name, unit, unit price, VAT rate, category)
Row = tuple[str, str, str, str, str, str]

# fmt: off

LAPTOPS: list[Row] = [
    ("LAP-TP-X1C-G12", "Lenovo ThinkPad X1 Carbon Gen 12, Core Ultra 7, 32 GB, 1 TB", "pcs", "2149.00", STD, "Laptops"),
    ("LAP-TP-T14-G5", "Lenovo ThinkPad T14 Gen 5, Core Ultra 5, 16 GB, 512 GB", "pcs", "1289.00", STD, "Laptops"),
    ("LAP-TP-T14S-G6", "Lenovo ThinkPad T14s Gen 6, Snapdragon X Elite, 32 GB, 1 TB", "pcs", "1649.00", STD, "Laptops"),
    ("LAP-TP-E14-G6", "Lenovo ThinkPad E14 Gen 6, Ryzen 5, 16 GB, 512 GB", "pcs", "779.00", STD, "Laptops"),
    ("LAP-TP-L14-G5", "Lenovo ThinkPad L14 Gen 5, Core Ultra 5, 16 GB, 512 GB", "pcs", "949.00", STD, "Laptops"),
    ("LAP-DL-LAT5450", "Dell Latitude 5450, Core Ultra 5, 16 GB, 512 GB", "pcs", "1129.00", STD, "Laptops"),
    ("LAP-DL-LAT7450", "Dell Latitude 7450, Core Ultra 7, 32 GB, 1 TB", "pcs", "1789.00", STD, "Laptops"),
    ("LAP-DL-LAT9450", "Dell Latitude 9450 2-in-1, Core Ultra 7, 32 GB, 1 TB", "pcs", "2399.00", STD, "Laptops"),
    ("LAP-HP-EB840-G11", "HP EliteBook 840 G11, Core Ultra 7, 32 GB, 1 TB", "pcs", "1699.00", STD, "Laptops"),
    ("LAP-HP-EB640-G11", "HP EliteBook 640 G11, Core Ultra 5, 16 GB, 512 GB", "pcs", "1099.00", STD, "Laptops"),
    ("LAP-HP-PB450-G10", "HP ProBook 450 G10, Core i5, 16 GB, 512 GB", "pcs", "829.00", STD, "Laptops"),
    ("LAP-AP-MBA13-M3", "Apple MacBook Air 13\" M3, 16 GB, 512 GB", "pcs", "1379.00", STD, "Laptops"),
    ("LAP-AP-MBP14-M4", "Apple MacBook Pro 14\" M4 Pro, 24 GB, 1 TB", "pcs", "2329.00", STD, "Laptops"),
    ("LAP-MS-SL7-13", "Microsoft Surface Laptop 7 13.8\", Snapdragon X Plus, 16 GB", "pcs", "1249.00", STD, "Laptops"),
]

DESKTOPS: list[Row] = [
    ("DES-TC-M70Q-G5", "Lenovo ThinkCentre M70q Gen 5 Tiny, Core i5, 16 GB, 512 GB", "pcs", "689.00", STD, "Desktops"),
    ("DES-DL-OPTI7020", "Dell OptiPlex Micro 7020, Core i5, 16 GB, 512 GB", "pcs", "719.00", STD, "Desktops"),
    ("DES-HP-EM800-G9", "HP Elite Mini 800 G9, Core i7, 32 GB, 1 TB", "pcs", "1049.00", STD, "Desktops"),
    ("DES-AP-MINI-M4", "Apple Mac mini M4, 16 GB, 512 GB", "pcs", "829.00", STD, "Desktops"),
    ("DES-TC-P3-TWR", "Lenovo ThinkStation P3 Tower, Core i7, 32 GB, RTX A2000", "pcs", "2249.00", STD, "Desktops"),
]

MONITORS: list[Row] = [
    ("MON-DL-P2425H", "Dell P2425H 24\" Full HD IPS monitor", "pcs", "169.00", STD, "Monitors"),
    ("MON-DL-P2725H", "Dell P2725H 27\" Full HD IPS monitor", "pcs", "219.00", STD, "Monitors"),
    ("MON-DL-U2724D", "Dell UltraSharp U2724D 27\" QHD monitor", "pcs", "399.00", STD, "Monitors"),
    ("MON-DL-U3223QE", "Dell UltraSharp U3223QE 32\" 4K USB-C hub monitor", "pcs", "719.00", STD, "Monitors"),
    ("MON-DL-P3424WE", "Dell P3424WE 34\" curved USB-C monitor", "pcs", "549.00", STD, "Monitors"),
    ("MON-LG-27UP850", "LG 27UP850-W 27\" 4K USB-C monitor", "pcs", "379.00", STD, "Monitors"),
    ("MON-LG-34WQ75C", "LG 34WQ75C-B 34\" curved UltraWide QHD monitor", "pcs", "429.00", STD, "Monitors"),
    ("MON-SA-S27C432", "Samsung S27C432 27\" Full HD business monitor", "pcs", "149.00", STD, "Monitors"),
    ("MON-HP-E24-G5", "HP E24 G5 23.8\" Full HD monitor", "pcs", "179.00", STD, "Monitors"),
    ("MON-HP-E27-G5", "HP E27 G5 27\" Full HD monitor", "pcs", "229.00", STD, "Monitors"),
    ("MON-EZ-EV2495", "EIZO FlexScan EV2495 24.1\" USB-C monitor", "pcs", "579.00", STD, "Monitors"),
    ("MON-TV-T24I-30", "Lenovo ThinkVision T24i-30 23.8\" monitor", "pcs", "189.00", STD, "Monitors"),
]

DOCKS: list[Row] = [
    ("DOC-TP-USBC-G2", "Lenovo ThinkPad Universal USB-C Dock", "pcs", "199.00", STD, "Docking stations"),
    ("DOC-TP-TB4-WS", "Lenovo ThinkPad Thunderbolt 4 Workstation Dock", "pcs", "329.00", STD, "Docking stations"),
    ("DOC-DL-WD22TB4", "Dell Thunderbolt Dock WD22TB4", "pcs", "269.00", STD, "Docking stations"),
    ("DOC-DL-UD22", "Dell Universal Dock UD22", "pcs", "219.00", STD, "Docking stations"),
    ("DOC-HP-USBC-G5", "HP USB-C Dock G5", "pcs", "179.00", STD, "Docking stations"),
    ("DOC-HP-TB-G4", "HP Thunderbolt Dock 120W G4", "pcs", "259.00", STD, "Docking stations"),
    ("DOC-CD-TS4", "CalDigit TS4 Thunderbolt 4 dock", "pcs", "349.00", STD, "Docking stations"),
]

PERIPHERALS: list[Row] = [
    ("PER-LG-MXKEYS-S", "Logitech MX Keys S keyboard, HU layout", "pcs", "99.90", STD, "Keyboards & mice"),
    ("PER-LG-MXKEYS-DE", "Logitech MX Keys S keyboard, DE layout", "pcs", "99.90", STD, "Keyboards & mice"),
    ("PER-LG-MXM3S", "Logitech MX Master 3S mouse", "pcs", "89.90", STD, "Keyboards & mice"),
    ("PER-LG-MXA3S", "Logitech MX Anywhere 3S mouse", "pcs", "69.90", STD, "Keyboards & mice"),
    ("PER-LG-K120", "Logitech K120 wired keyboard", "pcs", "11.90", STD, "Keyboards & mice"),
    ("PER-LG-B100", "Logitech B100 wired mouse", "pcs", "6.50", STD, "Keyboards & mice"),
    ("PER-LG-ERGOK860", "Logitech Ergo K860 split keyboard", "pcs", "109.00", STD, "Keyboards & mice"),
    ("PER-LG-LIFT", "Logitech Lift vertical ergonomic mouse", "pcs", "59.90", STD, "Keyboards & mice"),
    ("PER-LG-MK295", "Logitech MK295 silent wireless desktop set", "pcs", "32.90", STD, "Keyboards & mice"),
    ("PER-JB-EV2-40", "Jabra Evolve2 40 SE USB-C stereo headset", "pcs", "89.00", STD, "Headsets & video"),
    ("PER-JB-EV2-65", "Jabra Evolve2 65 Flex wireless headset", "pcs", "229.00", STD, "Headsets & video"),
    ("PER-JB-EV2-85", "Jabra Evolve2 85 ANC wireless headset", "pcs", "379.00", STD, "Headsets & video"),
    ("PER-PL-VF2", "Poly Voyager Focus 2 UC headset", "pcs", "199.00", STD, "Headsets & video"),
    ("PER-LG-ZV100", "Logitech Zone Vibe 100 wireless headset", "pcs", "99.00", STD, "Headsets & video"),
    ("PER-LG-BRIO4K", "Logitech Brio 4K webcam", "pcs", "169.00", STD, "Headsets & video"),
    ("PER-LG-C920", "Logitech C920s Pro HD webcam", "pcs", "64.90", STD, "Headsets & video"),
    ("PER-LG-MEETUP", "Logitech MeetUp conference camera", "pcs", "899.00", STD, "Headsets & video"),
    ("PER-JB-SP750", "Jabra Speak2 75 conference speakerphone", "pcs", "299.00", STD, "Headsets & video"),
    ("PER-KS-PRIVACY-14", "Kensington privacy filter 14\" laptops", "pcs", "49.90", STD, "Accessories"),
    ("PER-KS-LOCK-NANO", "Kensington NanoSaver keyed laptop lock", "pcs", "39.90", STD, "Accessories"),
    ("PER-TG-BAG-15", "Targus Classic 15.6\" laptop bag", "pcs", "34.90", STD, "Accessories"),
    ("PER-TP-BKPK-16", "Lenovo ThinkPad Professional 16\" backpack", "pcs", "79.00", STD, "Accessories"),
]

CABLES: list[Row] = [
    *[
        (f"CAB-USBC-{length}M", f"USB-C to USB-C cable, 100 W, {length} m", "pcs", price, STD, "Cables & adapters")
        for length, price in (("1", "9.90"), ("2", "13.90"))
    ],
    *[
        (f"CAB-HDMI21-{length}M", f"HDMI 2.1 Ultra High Speed cable, {length} m", "pcs", price, STD, "Cables & adapters")
        for length, price in (("1", "8.90"), ("2", "11.50"), ("3", "14.90"), ("5", "24.90"))
    ],
    *[
        (f"CAB-DP14-{length}M", f"DisplayPort 1.4 cable, {length} m", "pcs", price, STD, "Cables & adapters")
        for length, price in (("1", "9.50"), ("2", "12.90"), ("3", "16.90"))
    ],
    *[
        (f"CAB-CAT6A-{label}", f"Cat6A S/FTP patch cable, {length} m, grey", "pcs", price, STD, "Cables & adapters")
        for label, length, price in (
            ("0.5M", "0.5", "2.40"), ("1M", "1", "2.90"), ("2M", "2", "3.80"),
            ("3M", "3", "4.60"), ("5M", "5", "6.90"), ("10M", "10", "11.90"),
        )
    ],
    ("CAB-CAT6A-INST", "Cat6A S/FTP installation cable, LSZH, by the metre", "m", "0.8450", STD, "Cables & adapters"),
    ("CAB-CAT6A-INST500", "Cat6A S/FTP installation cable, LSZH, 500 m drum", "roll", "389.00", STD, "Cables & adapters"),
    ("CAB-RJ45-KEYST", "Cat6A shielded keystone jack", "pcs", "4.9500", STD, "Cables & adapters"),
    ("ADP-USBC-HDMI", "USB-C to HDMI 4K adapter", "pcs", "19.90", STD, "Cables & adapters"),
    ("ADP-USBC-MULTI", "USB-C multiport adapter (HDMI, USB-A, RJ45, PD)", "pcs", "49.90", STD, "Cables & adapters"),
    ("ADP-USBC-RJ45", "USB-C to Gigabit Ethernet adapter", "pcs", "24.90", STD, "Cables & adapters"),
    ("PWR-STRIP-6", "Brennenstuhl 6-way power strip with switch, 3 m", "pcs", "21.90", STD, "Cables & adapters"),
    ("PWR-USBC-65W", "65 W USB-C GaN charger", "pcs", "39.90", STD, "Cables & adapters"),
    ("PWR-UPS-1500", "APC Back-UPS Pro 1500 VA", "pcs", "249.00", STD, "Cables & adapters"),
    ("CAB-TIES-100", "Velcro cable ties, 100 pack", "pack", "12.90", STD, "Cables & adapters"),
    ("CAB-TRAY-DESK", "Under-desk cable tray, 80 cm", "pcs", "29.90", STD, "Cables & adapters"),
]

NETWORK: list[Row] = [
    ("NET-UB-U7PRO", "Ubiquiti UniFi U7 Pro Wi-Fi 7 access point", "pcs", "189.00", STD, "Networking"),
    ("NET-UB-U6PLUS", "Ubiquiti UniFi U6+ Wi-Fi 6 access point", "pcs", "129.00", STD, "Networking"),
    ("NET-UB-USW-L16P", "Ubiquiti UniFi Switch Lite 16 PoE", "pcs", "199.00", STD, "Networking"),
    ("NET-UB-USW-24P", "Ubiquiti UniFi Switch 24 PoE", "pcs", "379.00", STD, "Networking"),
    ("NET-UB-UDM-PRO", "Ubiquiti UniFi Dream Machine Pro", "pcs", "379.00", STD, "Networking"),
    ("NET-MT-HAPAX3", "MikroTik hAP ax3 router", "pcs", "109.00", STD, "Networking"),
    ("NET-MT-CRS326", "MikroTik CRS326-24G-2S+RM switch", "pcs", "189.00", STD, "Networking"),
    ("NET-TL-ER605", "TP-Link Omada ER605 VPN router", "pcs", "59.90", STD, "Networking"),
    ("NET-SY-DS224P", "Synology DiskStation DS224+ NAS (2-bay)", "pcs", "329.00", STD, "Networking"),
    ("NET-SY-DS923P", "Synology DiskStation DS923+ NAS (4-bay)", "pcs", "579.00", STD, "Networking"),
    ("NET-RACK-12U", "12U wall-mount network cabinet, 600 mm", "pcs", "219.00", STD, "Networking"),
    ("NET-PATCH-24", "Cat6A shielded patch panel, 24 port, 1U", "pcs", "79.00", STD, "Networking"),
]

STORAGE: list[Row] = [
    ("STO-SA-990P-1T", "Samsung 990 PRO NVMe SSD 1 TB", "pcs", "119.00", STD, "Storage & memory"),
    ("STO-SA-990P-2T", "Samsung 990 PRO NVMe SSD 2 TB", "pcs", "189.00", STD, "Storage & memory"),
    ("STO-SA-T7S-1T", "Samsung T7 Shield portable SSD 1 TB", "pcs", "99.00", STD, "Storage & memory"),
    ("STO-SA-T7S-2T", "Samsung T7 Shield portable SSD 2 TB", "pcs", "159.00", STD, "Storage & memory"),
    ("STO-WD-RED-4T", "WD Red Plus NAS hard drive 4 TB", "pcs", "109.00", STD, "Storage & memory"),
    ("STO-SG-IW-8T", "Seagate IronWolf NAS hard drive 8 TB", "pcs", "199.00", STD, "Storage & memory"),
    ("STO-KS-DT-64G", "Kingston DataTraveler Exodia USB stick 64 GB", "pcs", "6.90", STD, "Storage & memory"),
    ("STO-KS-DT-128G", "Kingston DataTraveler Exodia USB stick 128 GB", "pcs", "10.90", STD, "Storage & memory"),
    ("MEM-KS-D5S-16G", "Kingston 16 GB DDR5-5600 SO-DIMM", "pcs", "49.90", STD, "Storage & memory"),
    ("MEM-KS-D5S-32G", "Kingston 32 GB DDR5-5600 SO-DIMM", "pcs", "94.90", STD, "Storage & memory"),
]

PRINTERS: list[Row] = [
    ("PRN-HP-LJ4002DN", "HP LaserJet Pro 4002dn mono laser printer", "pcs", "279.00", STD, "Printers"),
    ("PRN-HP-CLJ4302", "HP Color LaserJet Pro MFP 4302fdw", "pcs", "589.00", STD, "Printers"),
    ("PRN-BR-HLL5210", "Brother HL-L5210DN mono laser printer", "pcs", "259.00", STD, "Printers"),
    ("PRN-BR-MFCL8390", "Brother MFC-L8390CDW colour laser MFP", "pcs", "529.00", STD, "Printers"),
    ("PRN-KY-PA4500X", "Kyocera ECOSYS PA4500x mono laser printer", "pcs", "449.00", STD, "Printers"),
    ("PRN-EP-ET5850", "Epson EcoTank ET-5850 ink tank MFP", "pcs", "649.00", STD, "Printers"),
]

TONER: list[Row] = [
    ("TON-HP-149A", "HP 149A black toner (2,900 pages)", "pcs", "109.00", STD, "Toner & ink"),
    ("TON-HP-149X", "HP 149X black toner, high yield (9,500 pages)", "pcs", "219.00", STD, "Toner & ink"),
    *[
        (f"TON-HP-220A-{code}", f"HP 220A {colour} toner", "pcs", price, STD, "Toner & ink")
        for code, colour, price in (
            ("BK", "black", "99.00"), ("C", "cyan", "129.00"),
            ("M", "magenta", "129.00"), ("Y", "yellow", "129.00"),
        )
    ],
    ("TON-BR-TN3600", "Brother TN-3600 black toner (3,000 pages)", "pcs", "79.00", STD, "Toner & ink"),
    ("TON-BR-TN3600XL", "Brother TN-3600XL black toner (6,000 pages)", "pcs", "129.00", STD, "Toner & ink"),
    *[
        (f"TON-BR-TN248-{code}", f"Brother TN-248 {colour} toner", "pcs", price, STD, "Toner & ink")
        for code, colour, price in (
            ("BK", "black", "69.00"), ("C", "cyan", "79.00"),
            ("M", "magenta", "79.00"), ("Y", "yellow", "79.00"),
        )
    ],
    ("TON-KY-TK3400", "Kyocera TK-3400 black toner (12,500 pages)", "pcs", "139.00", STD, "Toner & ink"),
    ("INK-EP-114-SET", "Epson 114 EcoTank ink bottle set (6 colours)", "set", "84.90", STD, "Toner & ink"),
]

PAPER: list[Row] = [
    ("PAP-NAV-A4-80", "Navigator Universal A4 80 g/m² copy paper, 500 sheets", "ream", "6.4900", STD, "Paper"),
    ("PAP-NAV-A4-80-BOX", "Navigator Universal A4 80 g/m², box of 5 reams", "box", "31.90", STD, "Paper"),
    ("PAP-XE-PERF-A4", "Xerox Performer A4 80 g/m² copy paper, 500 sheets", "ream", "4.8900", STD, "Paper"),
    ("PAP-XE-PERF-A3", "Xerox Performer A3 80 g/m² copy paper, 500 sheets", "ream", "10.90", STD, "Paper"),
    ("PAP-STEIN-REC-A4", "Steinbeis Evolution recycled A4 80 g/m², 500 sheets", "ream", "5.9900", STD, "Paper"),
    ("PAP-HP-PREM-A4", "HP Premium A4 90 g/m² paper, 500 sheets", "ream", "8.90", STD, "Paper"),
    ("PAP-COL-A4-160", "Colour copy paper A4 160 g/m², mixed pastel, 250 sheets", "pack", "9.90", STD, "Paper"),
    ("PAP-FLIP-5", "Flipchart pad 65×98 cm, plain, 5 pads of 20 sheets", "pack", "27.90", STD, "Paper"),
    ("PAP-LBL-L7160", "Avery L7160 address labels 63.5×38.1 mm, 100 sheets", "box", "23.90", STD, "Paper"),
    ("PAP-ENV-DL-500", "DL envelopes, window, self-seal, box of 500", "box", "24.90", STD, "Paper"),
    ("PAP-ENV-C4-250", "C4 envelopes, self-seal, box of 250", "box", "32.90", STD, "Paper"),
]

OFFICE: list[Row] = [
    ("OFF-LZ-FILE-80", "Leitz 180° lever arch file A4, 80 mm, blue", "pcs", "4.6900", STD, "Office supplies"),
    ("OFF-LZ-FILE-50", "Leitz 180° lever arch file A4, 50 mm, black", "pcs", "4.4900", STD, "Office supplies"),
    ("OFF-ES-POCKETS-100", "Esselte punched pockets A4, 100 pack", "pack", "5.90", STD, "Office supplies"),
    ("OFF-3M-POSTIT-76", "Post-it Notes 76×76 mm, yellow, 12 pads", "pack", "11.90", STD, "Office supplies"),
    ("OFF-ST-BOSS-8", "Stabilo Boss Original highlighters, 8 colours", "set", "8.90", STD, "Office supplies"),
    ("OFF-PI-G2-12", "Pilot G2 gel pens 0.7 mm, blue, box of 12", "box", "17.90", STD, "Office supplies"),
    ("OFF-SC-NOR-HB-12", "Staedtler Noris HB pencils, box of 12", "box", "4.90", STD, "Office supplies"),
    ("OFF-LZ-STAPLER", "Leitz 5501 metal stapler, 30 sheets", "pcs", "14.90", STD, "Office supplies"),
    ("OFF-STAPLES-24-6", "Staples 24/6, box of 1000", "box", "1.2900", STD, "Office supplies"),
    ("OFF-LZ-PUNCH", "Leitz 5008 two-hole punch, 30 sheets", "pcs", "16.90", STD, "Office supplies"),
    ("OFF-ML-NOTE-A5", "Moleskine Classic notebook A5, ruled, hard cover", "pcs", "17.50", STD, "Office supplies"),
    ("OFF-WB-MARK-4", "Whiteboard markers, 4 colours", "set", "6.90", STD, "Office supplies"),
    ("OFF-LG-WB-120", "Legamaster whiteboard 120×90 cm, magnetic", "pcs", "139.00", STD, "Office supplies"),
    ("OFF-RX-SHRED-P4", "Rexel Momentum X410 shredder, security level P-4", "pcs", "159.00", STD, "Office supplies"),
    ("OFF-CA-CALC-12", "Casio desk calculator, 12 digits", "pcs", "19.90", STD, "Office supplies"),
    ("OFF-BR-TZE231", "Brother TZe-231 label tape 12 mm, black on white", "pcs", "16.90", STD, "Office supplies"),
    ("OFF-BR-PT-D410", "Brother P-touch D410 label printer", "pcs", "79.00", STD, "Office supplies"),
    ("OFF-FE-LAM-A4", "Fellowes laminating pouches A4, 125 micron, 100 pack", "pack", "19.90", STD, "Office supplies"),
    ("OFF-TAPE-19-8", "Clear adhesive tape 19 mm × 33 m, 8 rolls", "pack", "7.90", STD, "Office supplies"),
    ("OFF-SCISSORS-21", "Office scissors 21 cm, soft grip", "pcs", "5.90", STD, "Office supplies"),
    ("OFF-DESK-ORG", "Desk organiser set, black mesh, 5 pieces", "set", "24.90", STD, "Office supplies"),
    ("OFF-BATT-AA-24", "Duracell Plus AA batteries, 24 pack", "pack", "19.90", STD, "Office supplies"),
]

FURNITURE: list[Row] = [
    ("FUR-DESK-HA-160", "Height-adjustable desk 160×80 cm, electric, white frame", "pcs", "549.00", STD, "Furniture"),
    ("FUR-DESK-HA-140", "Height-adjustable desk 140×70 cm, electric, black frame", "pcs", "489.00", STD, "Furniture"),
    ("FUR-DESK-STD-160", "Office desk 160×80 cm, fixed height, oak decor", "pcs", "279.00", STD, "Furniture"),
    ("FUR-CHR-SC-S2", "Steelcase Series 2 office chair", "pcs", "589.00", STD, "Furniture"),
    ("FUR-CHR-HM-AERON", "Herman Miller Aeron office chair, size B", "pcs", "1490.00", STD, "Furniture"),
    ("FUR-CHR-BASIC", "Task chair with lumbar support, black fabric", "pcs", "189.00", STD, "Furniture"),
    ("FUR-ARM-ERG-LX", "Ergotron LX single monitor arm", "pcs", "169.00", STD, "Furniture"),
    ("FUR-ARM-ERG-DUAL", "Ergotron LX dual side-by-side monitor arm", "pcs", "359.00", STD, "Furniture"),
    ("FUR-PED-3D", "Mobile pedestal, 3 drawers, lockable", "pcs", "219.00", STD, "Furniture"),
    ("FUR-CAB-180", "Office cabinet 180 cm, 2 doors, lockable", "pcs", "349.00", STD, "Furniture"),
    ("FUR-TBL-CONF-240", "Conference table 240×120 cm, cable port", "pcs", "899.00", STD, "Furniture"),
    ("FUR-FOOTREST", "Fellowes ergonomic footrest", "pcs", "39.90", STD, "Furniture"),
    ("FUR-LAMP-LED", "LED desk lamp, dimmable, 4000 K", "pcs", "69.00", STD, "Furniture"),
    ("FUR-ACOUSTIC-120", "Acoustic desk divider 120×65 cm, grey felt", "pcs", "159.00", STD, "Furniture"),
]

SOFTWARE: list[Row] = [
    ("SW-MS-365-BB", "Microsoft 365 Business Basic, 1 user, annual subscription", "year", "69.00", STD, "Software licences"),
    ("SW-MS-365-BS", "Microsoft 365 Business Standard, 1 user, annual subscription", "year", "143.00", STD, "Software licences"),
    ("SW-MS-365-BP", "Microsoft 365 Business Premium, 1 user, annual subscription", "year", "253.00", STD, "Software licences"),
    ("SW-MS-365-BS-M", "Microsoft 365 Business Standard, 1 user, monthly subscription", "month", "14.30", STD, "Software licences"),
    ("SW-MS-WIN11-PRO", "Windows 11 Pro upgrade licence", "licence", "219.00", STD, "Software licences"),
    ("SW-AD-ACRO-PRO", "Adobe Acrobat Pro for teams, 1 user, 1 year", "year", "239.88", STD, "Software licences"),
    ("SW-AD-CC-ALL", "Adobe Creative Cloud All Apps for teams, 1 user, 1 year", "year", "1079.88", STD, "Software licences"),
    ("SW-JB-ALL", "JetBrains All Products Pack, organisation, 1 user, 1 year", "year", "779.00", STD, "Software licences"),
    ("SW-ES-PROTECT-E", "ESET PROTECT Entry, 1 device, 1 year", "year", "38.50", STD, "Software licences"),
    ("SW-TV-BUS", "TeamViewer Business, 1 licensed user, 1 year", "year", "478.80", STD, "Software licences"),
    ("SW-ZM-PRO", "Zoom Workplace Pro, 1 user, 1 year", "year", "139.90", STD, "Software licences"),
    ("SW-1P-BUS", "1Password Business, 1 user, 1 year", "year", "95.76", STD, "Software licences"),
    ("SW-AU-ACADLT", "Autodesk AutoCAD LT, 1 user, 1 year", "year", "544.00", STD, "Software licences"),
    ("SW-VE-BKP-WS", "Veeam Backup for Microsoft 365, 1 user, 1 year", "year", "24.00", STD, "Software licences"),
    ("SW-SL-PRO", "Slack Pro, 1 user, 1 year", "year", "84.00", STD, "Software licences"),
]

SERVICES: list[Row] = [
    ("SRV-SUP-ONSITE-H", "On-site IT support, per hour", "h", "65.00", STD, "Services"),
    ("SRV-SUP-REMOTE-H", "Remote IT support, per hour", "h", "49.00", STD, "Services"),
    ("SRV-CONS-SENIOR-H", "Senior IT consultant, per hour", "h", "95.00", STD, "Services"),
    ("SRV-PM-H", "Project management, per hour", "h", "79.00", STD, "Services"),
    ("SRV-NET-INST-D", "Network installation, technician day (8 hours)", "day", "480.00", STD, "Services"),
    ("SRV-SETUP-LAPTOP", "Laptop setup, imaging and enrolment, per device", "pcs", "45.00", STD, "Services"),
    ("SRV-SETUP-PRINTER", "Printer installation and driver roll-out", "pcs", "59.00", STD, "Services"),
    ("SRV-MIG-DATA-H", "Data migration, per hour", "h", "69.00", STD, "Services"),
    ("SRV-M365-MIG-USER", "Microsoft 365 mailbox migration, per user", "user", "29.00", STD, "Services"),
    ("SRV-DELIV-INST", "Delivery and installation, Budapest, per order", "pcs", "39.00", STD, "Services"),
    ("SRV-WARR-3Y-NBD", "Warranty extension to 3 years next business day on-site", "pcs", "129.00", STD, "Services"),
    ("SRV-RECYCLE", "Collection and certified recycling of an old device", "pcs", "15.00", STD, "Services"),
    ("SRV-WIPE-CERT", "Certified data wiping with report, per drive", "pcs", "19.00", STD, "Services"),
    ("SRV-MSP-USER-M", "Managed IT service, per user per month", "month", "35.00", STD, "Services"),
    ("SRV-TRAIN-HU-D", "Microsoft 365 user training in Hungary, trainer day", "day", "690.00", STD, "Training"),
    ("SRV-TRAIN-SEC-HU", "Cyber-security awareness workshop in Hungary, half day", "pcs", "420.00", STD, "Training"),
]

# Services whose place of supply is outside the EU carry no Hungarian VAT.
EXPORT_SERVICES: list[Row] = [
    ("EXP-TRAIN-M365-D", "Microsoft 365 admin training for a non-EU customer, trainer day", "day", "690.00", EXPORT, "Training (export)"),
    ("EXP-TRAIN-SEC-D", "Cyber-security workshop for a non-EU customer, trainer day", "day", "790.00", EXPORT, "Training (export)"),
    ("EXP-CONS-REMOTE-H", "Remote consulting for a non-EU customer, per hour", "h", "95.00", EXPORT, "Training (export)"),
    ("EXP-SUP-REMOTE-H", "Remote IT support for a non-EU customer, per hour", "h", "55.00", EXPORT, "Training (export)"),
    ("EXP-ELEARN-SEAT", "E-learning course seat for a non-EU customer, 12 months", "user", "149.00", EXPORT, "Training (export)"),
]

BOOKS_ROWS: list[Row] = [
    ("BOOK-CLEAN-CODE", "Robert C. Martin: Clean Code (paperback)", "pcs", "36.90", R5, "Books"),
    ("BOOK-PRAG-PROG", "Thomas & Hunt: The Pragmatic Programmer, 20th anniversary ed.", "pcs", "42.50", R5, "Books"),
    ("BOOK-DDIA", "Martin Kleppmann: Designing Data-Intensive Applications", "pcs", "49.90", R5, "Books"),
    ("BOOK-SRE", "Beyer et al.: Site Reliability Engineering", "pcs", "44.90", R5, "Books"),
    ("BOOK-PHOENIX", "Kim, Behr & Spafford: The Phoenix Project", "pcs", "24.90", R5, "Books"),
    ("BOOK-ACCELERATE", "Forsgren, Humble & Kim: Accelerate", "pcs", "27.90", R5, "Books"),
    ("BOOK-M365-DUMMIES", "Microsoft 365 For Dummies", "pcs", "29.90", R5, "Books"),
    ("BOOK-EXCEL-HU", "Excel 2021 zsebkönyv (Hungarian)", "pcs", "12.90", R5, "Books"),
    ("BOOK-GDPR-HU", "GDPR a gyakorlatban – kézikönyv cégeknek (Hungarian)", "pcs", "18.90", R5, "Books"),
    ("BOOK-SECURITY-ENG", "Ross Anderson: Security Engineering, 3rd ed.", "pcs", "64.90", R5, "Books"),
]

PANTRY: list[Row] = [
    ("FOOD-COF-LAV-QR-1K", "Lavazza Qualità Rossa coffee beans, 1 kg", "kg", "17.90", STD, "Coffee & kitchen"),
    ("FOOD-COF-LAV-CREMA-1K", "Lavazza Crema e Aroma coffee beans, 1 kg", "kg", "19.90", STD, "Coffee & kitchen"),
    ("FOOD-COF-SEG-ESP-1K", "Segafredo Intermezzo espresso beans, 1 kg", "kg", "15.90", STD, "Coffee & kitchen"),
    ("FOOD-COF-NES-PRO-50", "Nespresso Professional Lungo Forte capsules, 50 pack", "box", "24.50", STD, "Coffee & kitchen"),
    ("FOOD-TEA-TWIN-100", "Twinings English Breakfast tea, 100 bags", "box", "9.90", STD, "Coffee & kitchen"),
    ("FOOD-SUGAR-STICK-1K", "Sugar sticks 4 g, box of 1000", "box", "21.90", STD, "Coffee & kitchen"),
    ("FOOD-WATER-6X15", "Still mineral water 1.5 l, 6 pack", "pack", "3.90", STD, "Coffee & kitchen"),
    ("FOOD-WATER-SP-6X15", "Sparkling mineral water 1.5 l, 6 pack", "pack", "3.90", STD, "Coffee & kitchen"),
    ("FOOD-MILK-UHT-12", "UHT milk 1.5 % fat, 1 l, 12 pack", "pack", "11.90", R5, "Coffee & kitchen"),
    ("FOOD-MILK-PORT-120", "Coffee creamer portions 10 g, 120 pack", "box", "8.90", R18, "Coffee & kitchen"),
    ("FOOD-BISC-BUTTER-1K", "Butter biscuits assortment, 1 kg tin", "kg", "14.90", R18, "Coffee & kitchen"),
    ("FOOD-POGACSA-50", "Cheese scones (pogácsa), tray of 50, delivered fresh", "box", "18.50", R18, "Coffee & kitchen"),
    ("FOOD-CROISS-24", "Butter croissants, tray of 24, delivered fresh", "box", "16.90", R18, "Coffee & kitchen"),
    ("FOOD-KIFLI-30", "Milk crescent rolls (kifli), tray of 30, delivered fresh", "box", "9.90", R18, "Coffee & kitchen"),
    ("KIT-JURA-E8", "Jura E8 automatic coffee machine", "pcs", "1049.00", STD, "Coffee & kitchen"),
    ("KIT-CUPS-PAPER-1000", "Paper cups 200 ml, box of 1000", "box", "39.90", STD, "Coffee & kitchen"),
    ("KIT-DESCALER", "Jura descaling tablets, 3 pack", "pack", "15.90", STD, "Coffee & kitchen"),
]

ALL: list[Row] = [
    *LAPTOPS, *DESKTOPS, *MONITORS, *DOCKS, *PERIPHERALS, *CABLES, *NETWORK, *STORAGE,
    *PRINTERS, *TONER, *PAPER, *OFFICE, *FURNITURE, *SOFTWARE, *SERVICES, *EXPORT_SERVICES,
    *BOOKS_ROWS, *PANTRY,
]
# fmt: on


def main() -> None:
    items = [
        {
            "sku": sku,
            "name": name,
            "unit": unit,
            "unit_price": price,
            "vat_rate": rate,
            "category": category,
        }
        for sku, name, unit, price, rate, category in ALL
    ]
    document = {"version": "2026.1", "currency": "EUR", "valid_from": "2026-01-01", "items": items}
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(items)} items to {OUT}")


if __name__ == "__main__":
    main()
