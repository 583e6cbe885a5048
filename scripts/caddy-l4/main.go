// Caddy with the layer4 app (github.com/mholt/caddy-l4): one TCP port 443 for HTTPS and for
// LiveKit's TURN/TLS, routed by the TLS server name. The same module set as caddy/Dockerfile's
// xcaddy build; built from the Go module proxy by scripts/install-deps.sh for the tests.
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	_ "github.com/caddyserver/caddy/v2/modules/standard"
	_ "github.com/mholt/caddy-l4"
)

func main() {
	caddycmd.Main()
}
