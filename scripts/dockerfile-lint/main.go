// dockerfile-lint runs BuildKit's own Dockerfile front end on each file given, as
// `docker build --check` does: syntax, instructions, stages, COPY --from references and
// BuildKit's lint rules. Base images are not pulled (no registry here): their config is
// taken as empty. Prints each problem; exits 1 when there is one.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
)

type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte(`{"architecture":"amd64","os":"linux","config":{}}`), nil
}

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		// Locations in the results point into this file, as BuildKit's own source map does.
		source := llb.Local("dockerfile")
		definition, err := source.Marshal(context.Background())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		sourceMap := llb.NewSourceMap(&source, path, "Dockerfile", data)
		sourceMap.Definition = definition
		results, err := dockerfile2llb.DockerfileLint(context.Background(), data, dockerfile2llb.ConvertOpt{
			Config:       dockerui.Config{},
			SourceMap:    sourceMap,
			MetaResolver: offlineResolver{},
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(2)
		}
		if results.Error != nil {
			failed = true
			fmt.Printf("%s: error: %s\n", path, results.Error.Message)
		}
		for _, warning := range results.Warnings {
			failed = true
			line := 0
			if len(warning.Location.Ranges) > 0 {
				line = int(warning.Location.Ranges[0].Start.Line)
			}
			fmt.Printf("%s:%d: %s: %s\n", path, line, warning.RuleName, warning.Detail)
		}
	}
	if failed {
		os.Exit(1)
	}
}
