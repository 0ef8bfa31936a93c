// An OPC UA server laid out like a vendor's PLC (node-opcua), for VendorPlcIT.
// Usage: node vendor-server.js PORT PKI_DIR ORDER [hide-limits]
//   ORDER ab | ba: the order in which its two namespaces are registered, so a restart with the
//     other order gives them each other's index, as node-opcua servers do when their code
//     registers namespaces in another order;
//   hide-limits: enforce MaxNodesPerBrowse 8 and MaxNodesPerRead 8 but publish 0 ("no limit"),
//     as PLCs do whose real limits are below what they publish.
// Prints "READY <endpoint url>" once it listens.
//
// Namespace "urn:floorgate:vendor:process" (A): folder Process with
//   Types: a variable of every built-in scalar type, string ids "Types.<type>";
//   Arrays: Int32 (numeric id), String (GUID id), Double (opaque id);
//   Kiln (numeric id): 炉温 (AnalogItem, CEL), Speed (RPM, displayed "r/min"), Pressure (KPA,
//     GUID id), Level (a unit with no code), State (EnumStrings), Mode (EnumValues), Door
//     (TwoStateDiscrete), "Motor Speed" and "Motor.Speed" (names that collide as topics),
//     Value (s=Shared.Value, 1).
// Namespace "urn:floorgate:vendor:energy" (B): folder Energy with Zählerstand (KWH), Leistung
//   (KWT) and Value (s=Shared.Value, 2: the same identifier as in A, so an index that names the
//   other namespace after a restart reads the wrong value instead of failing).
// Values are fixed, so the test knows what each must publish.
"use strict";
const path = require("path");
const { OPCUAServer } = require("node-opcua-server");
const { DataType, VariantArrayType, Variant } = require("node-opcua-variant");
const { StatusCodes } = require("node-opcua-status-code");
const { standardUnits, makeEUInformation } = require("node-opcua-data-access");
const { OPCUACertificateManager } = require("node-opcua-certificate-manager");

const port = Number(process.argv[2] || 0);
const pki = process.argv[3] || path.join(__dirname, "pki");
const order = process.argv[4] || "ab";
const hideLimits = process.argv[5] === "hide-limits";
const LIMIT = 8;
const URI_A = "urn:floorgate:vendor:process";
const URI_B = "urn:floorgate:vendor:energy";

const SCALARS = [
  ["Boolean", DataType.Boolean, true],
  ["SByte", DataType.SByte, -100],
  ["Byte", DataType.Byte, 200],
  ["Int16", DataType.Int16, -30000],
  ["UInt16", DataType.UInt16, 60000],
  ["Int32", DataType.Int32, -2000000000],
  ["UInt32", DataType.UInt32, 4000000000],
  // 64-bit integers as node-opcua takes them: [high 32 bits, low 32 bits], two's complement.
  ["Int64", DataType.Int64, [4294967008, 2382691125]], // -1234567890123
  ["UInt64", DataType.UInt64, [2874, 1942892530]], // 12345678901234
  ["Float", DataType.Float, 1.5],
  ["Double", DataType.Double, 3.14159],
  ["String", DataType.String, "kiln ready"],
  ["DateTime", DataType.DateTime, new Date("2026-01-02T03:04:05.000Z")],
  ["ByteString", DataType.ByteString, Buffer.from([1, 2, 255])],
  ["LocalizedText", DataType.LocalizedText, { text: "Mischen", locale: "de" }],
  ["StatusCode", DataType.StatusCode, StatusCodes.BadSensorFailure],
  ["Guid", DataType.Guid, "72962B91-FA75-4AE6-8D28-B404DC7DAF63"],
];

function fixed(dataType, value, arrayType) {
  return { dataType, arrayType: arrayType || VariantArrayType.Scalar, value };
}

function buildProcess(ns, objects) {
  const root = ns.addFolder(objects, { browseName: "Process", nodeId: "s=Process" });
  const types = ns.addFolder(root, { browseName: "Types", nodeId: "s=Types" });
  for (const [name, dataType, value] of SCALARS) {
    ns.addVariable({
      organizedBy: types,
      browseName: name,
      nodeId: "s=Types." + name,
      dataType: DataType[dataType],
      value: fixed(dataType, value),
    });
  }
  const arrays = ns.addFolder(root, { browseName: "Arrays", nodeId: "i=2000" });
  ns.addVariable({
    organizedBy: arrays, browseName: "Int32Array", nodeId: "i=2001", dataType: "Int32",
    valueRank: 1, arrayDimensions: [3],
    value: fixed(DataType.Int32, [1, -2, 3], VariantArrayType.Array),
  });
  ns.addVariable({
    organizedBy: arrays, browseName: "StringArray",
    nodeId: "g=1D7C3F2A-5B6E-4C8D-9A0B-1C2D3E4F5A6B", dataType: "String",
    valueRank: 1, arrayDimensions: [2],
    value: fixed(DataType.String, ["ab", "ü"], VariantArrayType.Array),
  });
  ns.addVariable({
    organizedBy: arrays, browseName: "DoubleArray",
    nodeId: "b=" + Buffer.from("arrays/double").toString("base64"), dataType: "Double",
    valueRank: 1, arrayDimensions: [3],
    value: fixed(DataType.Double, [1.5, 2.5, -3], VariantArrayType.Array),
  });

  const kiln = ns.addObject({ organizedBy: root, browseName: "Kiln", nodeId: "i=1000" });
  ns.addAnalogDataItem({
    componentOf: kiln, browseName: "炉温", nodeId: "i=1001", dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 1200 },
    engineeringUnits: standardUnits.degree_celsius,
    value: fixed(DataType.Double, 812.5),
  });
  ns.addAnalogDataItem({
    componentOf: kiln, browseName: "Speed", nodeId: "s=Kiln.Speed", dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 60 },
    engineeringUnits: standardUnits.revolutions_per_minute, // displayed "r/min"
    value: fixed(DataType.Double, 12.5),
  });
  ns.addAnalogDataItem({
    componentOf: kiln, browseName: "Pressure", nodeId: "g=0B7E6F1C-2D3A-4B5C-8D9E-0F1A2B3C4D5E",
    dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 200 },
    engineeringUnits: makeEUInformation("KPA", "kPa", "kilopascal"),
    value: fixed(DataType.Double, 101.3),
  });
  ns.addAnalogDataItem({
    componentOf: kiln, browseName: "Level", nodeId: "s=Kiln.Level", dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 100 },
    // A vendor's own unit, without a UNECE code: the browse must leave it to the engineer.
    engineeringUnits: { unitId: -1, displayName: { text: "Skt" }, description: { text: "Skalenteile" } },
    value: fixed(DataType.Double, 42),
  });
  ns.addMultiStateDiscrete({
    componentOf: kiln, browseName: "State", nodeId: "s=Kiln.State",
    enumStrings: ["Idle", "Heating", "Soaking", "Cooling"],
    value: 2,
  });
  ns.addMultiStateValueDiscrete({
    componentOf: kiln, browseName: "Mode", nodeId: "s=Kiln.Mode",
    enumValues: { Auto: 1, Manual: 2, Off: 4 },
    value: 4,
  });
  ns.addTwoStateDiscrete({
    componentOf: kiln, browseName: "Door", nodeId: "s=Kiln.Door",
    trueState: "Open", falseState: "Closed",
    value: true,
  });
  ns.addVariable({
    componentOf: kiln, browseName: "Motor Speed", nodeId: "s=Kiln.MotorSpeed1",
    dataType: "Double", value: fixed(DataType.Double, 100),
  });
  ns.addVariable({
    componentOf: kiln, browseName: "Motor.Speed", nodeId: "s=Kiln.MotorSpeed2",
    dataType: "Double", value: fixed(DataType.Double, 200),
  });
  ns.addVariable({
    componentOf: kiln, browseName: "Value", nodeId: "s=Shared.Value",
    dataType: "Int32", value: fixed(DataType.Int32, 1),
  });
}

function buildEnergy(ns, objects) {
  const root = ns.addFolder(objects, { browseName: "Energy", nodeId: "s=Energy" });
  ns.addAnalogDataItem({
    organizedBy: root, browseName: "Zählerstand", nodeId: "s=Meter.Total", dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 1e9 },
    engineeringUnits: makeEUInformation("KWH", "kWh", "kilowatt hour"),
    value: fixed(DataType.Double, 123456.5),
  });
  ns.addAnalogDataItem({
    organizedBy: root, browseName: "Leistung", nodeId: "s=Meter.Power", dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 500 },
    engineeringUnits: standardUnits.kilowatt,
    value: fixed(DataType.Double, 37.25),
  });
  ns.addVariable({
    organizedBy: root, browseName: "Value", nodeId: "s=Shared.Value",
    dataType: "Int32", value: fixed(DataType.Int32, 2),
  });
}

async function main() {
  const serverCertificateManager = new OPCUACertificateManager({
    automaticallyAcceptUnknownCertificate: true,
    rootFolder: path.join(pki, "server"),
  });
  const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    resourcePath: "/vendor",
    serverCertificateManager,
    buildInfo: { productName: "Floorgate vendor-like PLC (node-opcua)" },
    serverCapabilities: {
      operationLimits: { maxNodesPerBrowse: LIMIT, maxNodesPerRead: LIMIT },
    },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const objects = addressSpace.rootFolder.objects;
  const uris = order === "ba" ? [URI_B, URI_A] : [URI_A, URI_B];
  const namespaces = {};
  for (const uri of uris) {
    namespaces[uri] = addressSpace.registerNamespace(uri);
  }
  buildProcess(namespaces[URI_A], objects);
  buildEnergy(namespaces[URI_B], objects);
  if (hideLimits) {
    for (const id of ["i=11710", "i=11705"]) { // MaxNodesPerBrowse, MaxNodesPerRead
      addressSpace.findNode(id).bindVariable({
        get: () => new Variant({ dataType: DataType.UInt32, value: 0 }),
      }, true);
    }
  }
  await server.start();
  process.stdout.write("READY " + server.getEndpointUrl() + " " + uris.join(" ") + "\n");
  const stop = async () => {
    await server.shutdown(100);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write("vendor server failed: " + (err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
