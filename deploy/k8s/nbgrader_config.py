# nbgrader configuration baked into the cluster image (deploy/k8s/Dockerfile): the course and its exchange.
# On one server the exchange is a folder with Unix permissions (deploy/hub/hub_exchange.py); in a cluster every
# pod runs as the same uid, so file permissions cannot keep students apart: the exchange is ngshare, a hub
# service that checks each request against the user's hub identity and course membership.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "dl-course"
c.ExchangeFactory.exchange = "ngshare_exchange.Exchange"
c.ExchangeFactory.fetch_assignment = "ngshare_exchange.ExchangeFetchAssignment"
c.ExchangeFactory.fetch_feedback = "ngshare_exchange.ExchangeFetchFeedback"
c.ExchangeFactory.release_assignment = "ngshare_exchange.ExchangeReleaseAssignment"
c.ExchangeFactory.release_feedback = "ngshare_exchange.ExchangeReleaseFeedback"
c.ExchangeFactory.list = "ngshare_exchange.ExchangeList"
c.ExchangeFactory.submit = "ngshare_exchange.ExchangeSubmit"
c.ExchangeFactory.collect = "ngshare_exchange.ExchangeCollect"
