/*
 * An independent Modbus TCP server for Floorgate's interop tests, on libmodbus (nobody here wrote
 * its protocol code). Usage: modbus-server PORT   (0: any free port). Prints "listening <port>"
 * once bound, then serves one client at a time until killed. The map, 0-based, as KnownMap.java:
 *   hr:16*t+4*o  t: int16 -12345, uint16 54321, int32 -123456789, uint32 3000000000,
 *                   int64 -1234567890123456789, uint64 18000000000000000000, float32 123.456,
 *                   float64 -9876.54321
 *                o: ABCD, CDAB (word-swapped), BADC (byte-swapped), DCBA (little-endian),
 *                   all laid out by put() below. Not by libmodbus's modbus_set_float_*: in 3.1.6
 *                   (Debian 12) on little-endian hosts they produce the order their name says
 *                   with the bytes of each register swapped (libmodbus issues #611, #757, #807).
 *   hr:128 string(5) "Floorgate" ABCD    hr:136 the same, bytes swapped in each register (BADC)
 *   hr:144 0xA5C3                         ir:0 int16 -2    ir:1 float32 CDAB 123.456
 *   coil:0..7 1 0 1 0 0 1 0 1             di:0..3 1 0 0 1
 * Anything outside the map answers exception 2 (illegal data address).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <modbus.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lays value v over n registers in order o (0 ABCD, 1 CDAB, 2 BADC, 3 DCBA). */
static void put(uint16_t *reg, uint64_t v, int n, int o) {
  for (int i = 0; i < n; i++) {
    uint16_t word = (uint16_t)(v >> (16 * (n - 1 - i))); /* i-th most significant word */
    if (o >= 2) word = (uint16_t)(word << 8 | word >> 8); /* byte swap */
    reg[o == 1 || o == 3 ? n - 1 - i : i] = word;          /* word swap */
  }
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: %s PORT\n", argv[0]); return 2; }
  modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[1]));
  modbus_mapping_t *m = modbus_mapping_new_start_address(0, 8, 0, 4, 0, 145, 0, 3);
  if (ctx == NULL || m == NULL) { fprintf(stderr, "%s\n", modbus_strerror(errno)); return 1; }
  float f32 = 123.456f;
  double f64 = -9876.54321;
  uint32_t f32bits;
  uint64_t f64bits;
  memcpy(&f32bits, &f32, sizeof f32bits);
  memcpy(&f64bits, &f64, sizeof f64bits);
  const uint64_t values[8] = {(uint16_t)-12345, 54321, (uint32_t)-123456789, 3000000000u,
      (uint64_t)-1234567890123456789LL, 18000000000000000000ULL, f32bits, f64bits};
  const int widths[8] = {1, 1, 2, 2, 4, 4, 2, 4};
  for (int t = 0; t < 8; t++)
    for (int o = 0; o < 4; o++) put(m->tab_registers + 16 * t + 4 * o, values[t], widths[t], o);
  const char text[10] = "Floorgate"; /* NUL-padded to 5 registers */
  for (int i = 0; i < 5; i++) {
    uint8_t hi = (uint8_t)text[2 * i], lo = (uint8_t)(2 * i + 1 < 10 ? text[2 * i + 1] : 0);
    m->tab_registers[128 + i] = (uint16_t)(hi << 8 | lo);
    m->tab_registers[136 + i] = (uint16_t)(lo << 8 | hi);
  }
  m->tab_registers[144] = 0xA5C3;
  m->tab_input_registers[0] = (uint16_t)-2;
  put(m->tab_input_registers + 1, f32bits, 2, 1);
  memcpy(m->tab_bits, (uint8_t[]){1, 0, 1, 0, 0, 1, 0, 1}, 8);
  memcpy(m->tab_input_bits, (uint8_t[]){1, 0, 0, 1}, 4);

  int server = modbus_tcp_listen(ctx, 1);
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  if (server < 0 || getsockname(server, (struct sockaddr *)&addr, &len) != 0) {
    fprintf(stderr, "cannot listen on 127.0.0.1:%s: %s\n", argv[1], modbus_strerror(errno));
    return 1;
  }
  printf("listening %d\n", ntohs(addr.sin_port));
  fflush(stdout);
  uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
  for (;;) {
    if (modbus_tcp_accept(ctx, &server) < 0) { perror("accept"); return 1; }
    int rc;
    while ((rc = modbus_receive(ctx, query)) >= 0)
      if (rc > 0) modbus_reply(ctx, query, rc, m);
    modbus_close(ctx); /* the client went away: wait for the next one */
  }
}
