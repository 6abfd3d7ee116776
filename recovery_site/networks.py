"""How clients are counted: by address, and IPv6 clients by network.

Whoever has one IPv6 address has a whole network to choose from: a /64 at least,
often a /56 or a /48 (65,536 /64s). Counting single IPv6 addresses counts nothing,
so the call-back rate limit and the sign-in lockout count an IPv6 client per /64,
and the call-back form also per /48 (a coarser second bucket).
"""

import ipaddress

from recovery_site.http import client_address


def client_network(address, ipv6_prefix=64):
    """The IPv4 address ("203.0.113.7"), or the IPv6 network it is counted by
    ("2001:db8:1:2::/64"); IPv4 written as IPv6 counts as IPv4. None when `address`
    is not an IP address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ip)
    return str(ipaddress.ip_network(f"{ip}/{ipv6_prefix}", strict=False))


def lockout_address(request):
    """The address django-axes counts sign-in failures against (AXES_CLIENT_IP_CALLABLE):
    the client's address, or for IPv6 the first address of its /64, an address axes
    can store."""
    address = client_address(request)
    network = client_network(address)
    if network is None:
        return address
    return str(ipaddress.ip_network(network).network_address) if "/" in network else network
