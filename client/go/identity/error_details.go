package identity

import (
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrorDetails is a failed call's status with the details the server sent in
// grpc-status-details-bin: google.rpc.ErrorInfo and, for INVALID_ARGUMENT,
// google.rpc.BadRequest.
type ErrorDetails struct {
	Code            codes.Code
	Message         string
	Reason          string // ErrorInfo.reason, stable for programs to test
	Domain          string // ErrorInfo.domain, "identity"
	Metadata        map[string]string
	FieldViolations []FieldViolation
}

// FieldViolation names one bad request field.
type FieldViolation struct {
	Field       string
	Description string
}

// Details decodes err (as returned by a call) with status.FromError. It is
// nil for a nil error and for errors that carry no gRPC status; details of
// unknown types are skipped.
func Details(err error) *ErrorDetails {
	if err == nil {
		return nil
	}
	s, ok := status.FromError(err)
	if !ok {
		return nil
	}
	result := &ErrorDetails{Code: s.Code(), Message: s.Message(), Metadata: map[string]string{}}
	for _, detail := range s.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			result.Reason, result.Domain = d.GetReason(), d.GetDomain()
			for k, v := range d.GetMetadata() {
				result.Metadata[k] = v
			}
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				result.FieldViolations = append(result.FieldViolations,
					FieldViolation{Field: v.GetField(), Description: v.GetDescription()})
			}
		}
	}
	return result
}
