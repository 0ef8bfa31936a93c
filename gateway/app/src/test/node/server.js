// An OPC UA server Floorgate did not write: node-opcua, for the interoperability test.
// Usage: node server.js PORT PKI_DIR — prints "READY <endpoint url>" once it listens.
// Namespace 1, folder Objects/Interop: one variable of every built-in scalar type the gateway
// maps (named after the type), a Double array, and an AnalogItem with EngineeringUnits °C and
// EURange 0..1100. Values are fixed, so the test knows what each must publish.
"use strict";
const path = require("path");
const { OPCUAServer } = require("node-opcua-server");
const { DataType, VariantArrayType } = require("node-opcua-variant");
const { StatusCodes } = require("node-opcua-status-code");
const { standardUnits } = require("node-opcua-data-access");
const { OPCUACertificateManager } = require("node-opcua-certificate-manager");

const port = Number(process.argv[2] || 0);
const pki = process.argv[3] || path.join(__dirname, "pki");

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

async function main() {
  const serverCertificateManager = new OPCUACertificateManager({
    automaticallyAcceptUnknownCertificate: true,
    rootFolder: path.join(pki, "server"),
  });
  const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    resourcePath: "/interop",
    serverCertificateManager,
    buildInfo: { productName: "Floorgate interop server (node-opcua)" },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  const ns = addressSpace.getOwnNamespace();
  const folder = ns.addFolder(addressSpace.rootFolder.objects, { browseName: "Interop" });
  for (const [name, dataType, value] of SCALARS) {
    ns.addVariable({
      organizedBy: folder,
      browseName: name,
      nodeId: "s=Interop." + name,
      dataType: DataType[dataType],
      value: { dataType, arrayType: VariantArrayType.Scalar, value },
    });
  }
  ns.addVariable({
    organizedBy: folder,
    browseName: "DoubleArray",
    nodeId: "s=Interop.DoubleArray",
    dataType: "Double",
    valueRank: 1,
    arrayDimensions: [3],
    value: { dataType: DataType.Double, arrayType: VariantArrayType.Array, value: [1.5, 2.5, -3] },
  });
  ns.addAnalogDataItem({
    organizedBy: folder,
    browseName: "Temperature",
    nodeId: "s=Interop.Temperature",
    dataType: "Double",
    engineeringUnitsRange: { low: 0, high: 1100 },
    engineeringUnits: standardUnits.degree_celsius,
    value: { dataType: DataType.Double, value: 741.5 },
  });
  await server.start();
  process.stdout.write("READY " + server.getEndpointUrl() + "\n");
  const stop = async () => {
    await server.shutdown(100);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write("interop server failed: " + (err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
