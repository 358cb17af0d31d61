from ninja import Router

public_router = Router()
