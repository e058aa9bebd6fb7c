package org.alertresponder.plugins.dns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReverseDnsNameTest {
  @Test
  void ipv4OctetsAreReversedUnderInAddrArpa() {
    assertThat(ReverseDnsName.of("203.0.113.7")).isEqualTo("7.113.0.203.in-addr.arpa");
  }

  @Test
  void ipv6NibblesAreReversedUnderIp6Arpa() {
    // The example of RFC 3596, section 2.5.
    assertThat(ReverseDnsName.of("4321:0:1:2:3:4:567:89ab"))
        .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa");
    assertThat(ReverseDnsName.of("::1"))
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa");
    assertThat(ReverseDnsName.of("::ffff:192.0.2.1"))
        .isEqualTo("1.0.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa");
  }

  @Test
  void whatIsNotAnAddressHasNoName() {
    assertThat(ReverseDnsName.of("example.org")).isNull();
    assertThat(ReverseDnsName.of("1.2.3")).isNull();
    assertThat(ReverseDnsName.of("2001:db8::1::2")).isNull();
  }

  @Test
  void resolvConfGivesItsFirstUsableNameServer() {
    assertThat(ResolvConf.firstNameserver("; comment\n#nameserver 10.0.0.1\noptions ndots:2\n"
        + "nameserver   fe80::1%eth0\nnameserver 2001:db8::53 \nnameserver 10.0.0.2\n")).contains("2001:db8::53");
    assertThat(ResolvConf.firstNameserver("search example.org\n")).isEmpty();
  }
}
