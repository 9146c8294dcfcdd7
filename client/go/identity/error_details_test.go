package identity

import (
	"errors"
	"reflect"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestDetailsDecodesErrorInfoAndBadRequest(t *testing.T) {
	s, err := status.New(codes.InvalidArgument, "user.id: bad character").WithDetails(
		&errdetails.ErrorInfo{Reason: "INVALID_FIELD", Domain: "identity",
			Metadata: map[string]string{"field": "user.id"}},
		&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: "user.id", Description: "bad character"},
			{Field: "user.name", Description: "too long"}}})
	if err != nil {
		t.Fatal(err)
	}

	got := Details(s.Err())

	want := &ErrorDetails{Code: codes.InvalidArgument, Message: "user.id: bad character",
		Reason: "INVALID_FIELD", Domain: "identity", Metadata: map[string]string{"field": "user.id"},
		FieldViolations: []FieldViolation{{"user.id", "bad character"}, {"user.name", "too long"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Details() = %+v, want %+v", got, want)
	}
}

func TestDetailsWithoutDetailsKeepsCodeAndMessage(t *testing.T) {
	got := Details(status.Error(codes.NotFound, "no org x"))

	if got.Code != codes.NotFound || got.Message != "no org x" || got.Reason != "" ||
		len(got.FieldViolations) != 0 {
		t.Errorf("Details() = %+v", got)
	}
}

func TestDetailsOfNonStatusErrors(t *testing.T) {
	if Details(nil) != nil {
		t.Error("Details(nil) != nil")
	}
	if got := Details(errors.New("plain")); got != nil {
		t.Errorf("Details(plain error) = %+v, want nil", got)
	}
}
