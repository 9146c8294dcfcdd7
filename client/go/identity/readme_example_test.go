package identity_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLiveReadmeExample runs the example of README.md as written, so the docs
// cannot rot.
func TestLiveReadmeExample(t *testing.T) {
	endpoint, adminKey := liveServer(t)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?ms)^```go\n(.*?)^```").FindAllSubmatch(readme, -1)
	if len(blocks) != 1 {
		t.Fatalf("README.md has %d go examples, want 1", len(blocks))
	}
	program := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(program, blocks[0][1], 0o644); err != nil {
		t.Fatal(err)
	}

	run := exec.Command("go", "run", program)
	run.Env = append(os.Environ(), "IDENTITY_ENDPOINT="+endpoint, "IDENTITY_ACCESS_KEY="+adminKey)
	output, err := run.CombinedOutput()

	if err != nil {
		t.Fatalf("go run: %v\n%s", err, output)
	}
	if got := strings.TrimSpace(string(output)); got != "ada@umbrella.com admin <nil>" {
		t.Errorf("the example printed %q", got)
	}
}
