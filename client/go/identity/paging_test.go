package identity

import (
	"errors"
	"reflect"
	"testing"
)

func TestForEachPageFollowsTokensUntilEmpty(t *testing.T) {
	next := map[string]string{"": "t1", "t1": "t2", "t2": ""}
	var asked []string

	err := forEachPage(func(token string) (string, error) {
		asked = append(asked, token)
		return next[token], nil
	})

	if err != nil || !reflect.DeepEqual(asked, []string{"", "t1", "t2"}) {
		t.Errorf("asked %v, err %v", asked, err)
	}
}

func TestForEachPageStopsAtTheFirstError(t *testing.T) {
	failure := errors.New("boom")
	calls := 0

	err := forEachPage(func(string) (string, error) {
		calls++
		return "more", failure
	})

	if err != failure || calls != 1 {
		t.Errorf("err %v after %d calls", err, calls)
	}
}
